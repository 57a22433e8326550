# Names that only contain the words are not the special members; project policies refuse them anyway.
resource "google_storage_bucket_iam_member" "ops" {
  bucket = "assets"
  role   = "roles/storage.objectViewer"
  member = "group:allusers-ops@example.com"
}

resource "google_project_iam_member" "nodes" {
  project = "proj"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_service_account" "nodes" {
  account_id = "nodes"
}
