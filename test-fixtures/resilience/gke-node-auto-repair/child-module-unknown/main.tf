variable "auto_repair" {
  default = false
}

# The caller decides: the checklist asks a human.
resource "google_container_node_pool" "main" {
  name       = "main"
  cluster    = "main"
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair = var.auto_repair
  }
}
