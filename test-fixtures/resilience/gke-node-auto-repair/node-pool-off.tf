resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair  = false # expect: resilience/gke-node-auto-repair[warning]
    auto_upgrade = true
  }
}
