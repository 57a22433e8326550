variable "members" {
  type    = list(string)
  default = ["allUsers"]
}

# The caller decides: the checklist asks a human.
resource "google_storage_bucket_iam_binding" "main" {
  bucket  = "assets"
  role    = "roles/storage.objectViewer"
  members = var.members
}
