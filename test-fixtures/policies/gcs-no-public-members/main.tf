resource "google_storage_bucket" "site" {
  name     = "acme-site"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers" # expect: acme/gcs-no-public-members
}

resource "google_storage_bucket_iam_member" "ops_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "group:ops@acme.example"
}

resource "google_storage_bucket_iam_binding" "viewers" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectViewer"
  members = ["group:ops@acme.example", "allAuthenticatedUsers"] # expect: acme/gcs-no-public-members
}

resource "google_storage_bucket_iam_binding" "admins" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.admin"
  members = ["group:platform@acme.example"]
}

variable "extra_members" {
  type = list(string)
}

# The list comes from an input: whether it holds allUsers is for a reviewer to check.
resource "google_storage_bucket_iam_binding" "writers" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectCreator"
  members = var.extra_members
}
