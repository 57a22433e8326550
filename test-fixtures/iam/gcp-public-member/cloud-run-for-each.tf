locals {
  invokers = toset(["serviceAccount:ci@proj.iam.gserviceaccount.com", "allUsers"])
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.invokers
  location = "europe-west1"
  service  = "api"
  role     = "roles/run.invoker"
  member   = each.value # expect: iam/gcp-public-member
}
