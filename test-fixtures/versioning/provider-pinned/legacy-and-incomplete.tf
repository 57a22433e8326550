terraform {
  required_providers { # expect: versioning/provider-pinned
    aws    = "~> 5.0" # expect: versioning/provider-pinned
    random = { version = ">= 3.5" } # expect: versioning/provider-pinned
    tls = { # expect: versioning/provider-pinned
      source = "hashicorp/tls"
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "tls_private_key" "deploy" {
  algorithm = "ED25519"
}

# `google` has no entry: reported on the required_providers block, where it is added.
data "google_project" "current" {}
