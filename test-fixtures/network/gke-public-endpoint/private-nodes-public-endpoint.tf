# Private nodes, but the endpoint stays public and open.
resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false # expect: network/gke-public-endpoint
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}
