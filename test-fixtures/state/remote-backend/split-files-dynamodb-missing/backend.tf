terraform {
  backend "s3" { # expect: state/remote-backend[warning]
    bucket  = "acme-terraform-state"
    key     = "app/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
  }
}
