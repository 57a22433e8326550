# GCS encrypts state at rest and locks it on its own.
terraform {
  backend "gcs" {
    bucket = "acme-terraform-state"
    prefix = "network"
  }
}

provider "google" {
  project = "acme-prod"
}
