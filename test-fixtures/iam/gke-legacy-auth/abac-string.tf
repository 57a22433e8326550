resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  initial_node_count = 1
  enable_legacy_abac = "true" # expect: iam/gke-legacy-auth
}
