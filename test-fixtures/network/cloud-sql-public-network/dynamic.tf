locals {
  networks = { everyone = "0.0.0.0/0" }
}

resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      dynamic "authorized_networks" {
        for_each = local.networks
        content {
          name  = authorized_networks.key
          value = authorized_networks.value # expect: network/cloud-sql-public-network
        }
      }
    }
  }
}
