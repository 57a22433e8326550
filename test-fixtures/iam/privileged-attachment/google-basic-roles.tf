resource "google_project_iam_member" "ci" {
  project = "acme-prod"
  role    = "roles/owner" # expect: iam/privileged-attachment
  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"
}

resource "google_folder_iam_binding" "devs" {
  folder  = "folders/1234567890"
  role    = "roles/editor" # expect: iam/privileged-attachment
  members = ["group:devs@acme.example"]
}

data "google_iam_policy" "admin" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["group:analysts@acme.example"]
  }
  binding {
    role    = "roles/editor" # expect: iam/privileged-attachment
    members = ["user:jane@acme.example"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "acme-prod"
  policy_data = data.google_iam_policy.admin.policy_data
}
