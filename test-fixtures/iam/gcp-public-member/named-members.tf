resource "google_storage_bucket_iam_member" "readers" {
  bucket = "assets"
  role   = "roles/storage.objectViewer"
  member = "group:readers@example.com"
}

resource "google_pubsub_topic_iam_binding" "publishers" {
  topic   = "events"
  role    = "roles/pubsub.publisher"
  members = ["serviceAccount:app@proj.iam.gserviceaccount.com", "domain:example.com"]
}
