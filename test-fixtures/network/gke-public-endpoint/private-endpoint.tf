resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"

  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}

resource "google_container_cluster" "dns" {
  name     = "dns"
  location = "europe-west1"

  initial_node_count = 1

  control_plane_endpoints_config {
    ip_endpoints_config {
      enabled = false
    }
  }
}
