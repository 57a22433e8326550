terraform {
  backend "s3" {
    bucket = "acme-state"
    key    = "app.tfstate"
    region = "eu-west-1"
  }
}
