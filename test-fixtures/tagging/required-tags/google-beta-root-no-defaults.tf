# Close case in a root module: google-beta is configured here, without default_labels.
provider "google-beta" {
  project = "acme"
}

resource "google_pubsub_topic" "updates" { # expect: tagging/required-tags
  provider = google-beta
  name     = "updates"
}
