terraform {
  backend "local" { # expect: state/remote-backend[warning]
    path = "terraform.tfstate"
  }
}
