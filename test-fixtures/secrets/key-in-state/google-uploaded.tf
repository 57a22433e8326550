resource "google_service_account_key" "ci" {
  service_account_id = "projects/proj/serviceAccounts/ci@proj.iam.gserviceaccount.com"
  public_key_data    = filebase64("ci.pub")
}
