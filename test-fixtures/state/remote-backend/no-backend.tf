# A root module (configured provider) with no backend: state stays on the laptop.
terraform { # expect: state/remote-backend[warning]
  required_version = "~> 1.9"
}

provider "aws" {
  region = "eu-west-1"
}
