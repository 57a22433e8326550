terraform {
  required_version = "~> 1.10"

  backend "s3" { # expect: state/remote-backend[warning], state/remote-backend[warning]
    bucket = "acme-terraform-state"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}
