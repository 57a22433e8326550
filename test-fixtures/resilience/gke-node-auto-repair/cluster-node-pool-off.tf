resource "google_container_cluster" "main" {
  name     = "main"
  location = "europe-west1"


  node_pool {
    name = "default"

    management {
      auto_repair = false # expect: resilience/gke-node-auto-repair
    }
  }
}
