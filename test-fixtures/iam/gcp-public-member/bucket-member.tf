resource "google_storage_bucket_iam_member" "public" {
  bucket = "assets"
  role   = "roles/storage.objectViewer"
  member = "allUsers" # expect: iam/gcp-public-member[error]
}
