resource "google_service_account_key" "ci" { # expect: secrets/key-in-state
  service_account_id = "projects/proj/serviceAccounts/ci@proj.iam.gserviceaccount.com"
}
