# Child module without provider blocks: the callers' google-beta provider (and its default_labels) decides.
resource "google_gke_hub_membership" "primary" {
  provider      = google-beta
  membership_id = "primary"
}

resource "google_pubsub_topic" "updates" {
  provider = google-beta
  name     = "updates"
  labels = {
    owner = "platform"
  }
}
