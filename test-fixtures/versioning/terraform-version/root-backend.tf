terraform { # expect: versioning/terraform-version[warning]
  backend "s3" {
    bucket = "acme-state"
    key    = "app.tfstate"
    region = "eu-west-1"
  }
}
