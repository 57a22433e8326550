resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  initial_node_count = 1
  logging_service    = "logging.googleapis.com/kubernetes"
  monitoring_service = "monitoring.googleapis.com/kubernetes"
}
