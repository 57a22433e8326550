# google-beta is a provider of its own: its resources get its default_labels, not google's.
terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.0"
    }
    gbeta-eu = {
      source  = "hashicorp/google-beta"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = "acme"
}

provider "google-beta" {
  project = "acme"
  default_labels = {
    owner       = "platform"
    environment = "prod"
    cost-center = "cc-1"
  }
}

# A local name of its own for google-beta: the source says which provider it is.
provider "gbeta-eu" {
  project = "acme"
  default_labels = {
    owner       = "platform"
    environment = "prod"
    cost-center = "cc-1"
  }
}

resource "google_pubsub_topic" "updates" {
  provider = google-beta
  name     = "updates"
}

resource "google_pubsub_topic" "eu_updates" {
  provider = gbeta-eu
  name     = "eu-updates"
}

# Close case: the google provider has no default labels, and google-beta's do not reach it.
resource "google_pubsub_topic" "plain" { # expect: tagging/required-tags
  name = "plain"
}
