provider "google" {
  project = "acme"
  default_labels = {
    owner = "data"
  }
}

resource "google_storage_bucket" "raw" {
  name     = "acme-raw"
  location = "EU"
  labels = { # expect: tagging/required-tags
    environment = "prod"
  }
}

# Labels are lower-case in Google: keys match case-insensitively, ignoring - and _.
resource "google_storage_bucket" "clean" {
  name     = "acme-clean"
  location = "EU"
  labels = {
    environment = "prod"
    cost-center = "cc-1"
  }
}
