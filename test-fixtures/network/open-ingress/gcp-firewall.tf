resource "google_compute_firewall" "ssh_and_range" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22", "1000-2000"]
  }

  source_ranges = ["0.0.0.0/0"] # expect: network/open-ingress[error]
}

resource "google_compute_firewall" "everything" {
  name      = "allow-all"
  network   = "default"
  direction = "INGRESS"

  allow {
    protocol = "all"
  }

  source_ranges = ["::/0"] # expect: network/open-ingress[error]
}

resource "google_compute_firewall" "app_port" {
  name    = "allow-8443"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }

  allow {
    protocol = "icmp"
  }

  source_ranges = ["0.0.0.0/0"] # expect: network/open-ingress[warning]
}

# A protocol without ports: every TCP port.
resource "google_compute_firewall" "all_tcp" {
  name    = "allow-tcp"
  network = "default"

  allow {
    protocol = "tcp"
  }

  source_ranges = ["0.0.0.0/0"] # expect: network/open-ingress[error]
}

resource "google_compute_firewall" "web" {
  name    = "allow-web"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "egress" {
  name      = "allow-egress"
  network   = "default"
  direction = "EGRESS"

  allow {
    protocol = "all"
  }

  destination_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "iap_ssh" {
  name    = "allow-iap-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["35.235.240.0/20"]
}

resource "google_compute_firewall" "switched_off" {
  name     = "allow-ssh-disabled"
  network  = "default"
  disabled = true

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}
