resource "google_container_node_pool" "workers" {
  name       = "workers"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 1
}

resource "google_container_node_pool" "other" {
  name       = "other"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_upgrade = true
  }
}
