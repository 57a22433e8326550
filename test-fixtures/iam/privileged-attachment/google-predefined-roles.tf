resource "google_project_iam_member" "reader" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "group:auditors@acme.example"
}

resource "google_storage_bucket_iam_binding" "uploads" {
  bucket  = "acme-uploads"
  role    = "roles/storage.objectAdmin"
  members = ["serviceAccount:uploader@acme-prod.iam.gserviceaccount.com"]
}
