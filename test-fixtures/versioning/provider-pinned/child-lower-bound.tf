# A reusable module states a minimum and leaves the release to its callers.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = ">= 5.0"
      configuration_aliases = [aws.replica]
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 5.0"
    }
  }
}

resource "aws_s3_bucket" "logs" {
  provider = aws.replica
  bucket   = "logs"
}

resource "google_compute_network" "vpc" {
  provider = google-beta
  name     = "vpc"
}
