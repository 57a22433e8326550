terraform {
  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "network/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = false # expect: state/remote-backend
    use_lockfile = false # expect: state/remote-backend
  }
}
