# No public address, so authorized networks reach nothing; no networks at all is private too.
resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/proj/global/networks/main"

      authorized_networks {
        name  = "legacy"
        value = "0.0.0.0/0"
      }
    }
  }
}

resource "google_sql_database_instance" "reports" {
  name             = "reports"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
