# Names that only contain the words are not the special members.
resource "google_project_iam_member" "ops" {
  project = "proj"
  role    = "roles/viewer"
  member  = "group:allusers-ops@example.com"
}
