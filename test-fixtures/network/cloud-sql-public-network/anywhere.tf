resource "google_sql_database_instance" "orders" {
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0" # expect: network/cloud-sql-public-network[error]
      }
    }
  }
}
