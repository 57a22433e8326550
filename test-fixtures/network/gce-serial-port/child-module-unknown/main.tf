variable "metadata" {
  type    = map(string)
  default = {}
}

# The caller decides: the checklist asks a human.
resource "google_compute_instance" "main" {
  name         = "main"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "app"
  }

  metadata = var.metadata
}
