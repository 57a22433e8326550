resource "google_compute_instance" "vm" {
  name         = "vm"
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

  metadata = {
    serial-port-enable = "true" # expect: network/gce-serial-port[warning]
  }
}
