resource "google_container_cluster" "main" { # expect: network/gke-public-endpoint[warning]
  name     = "main"
  location = "europe-west1"

  initial_node_count = 1
}
