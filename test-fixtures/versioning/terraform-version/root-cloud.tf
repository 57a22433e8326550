terraform {
  required_version = "~> 1.9"
  cloud {
    organization = "acme"
    workspaces {
      name = "app-prod"
    }
  }
}
