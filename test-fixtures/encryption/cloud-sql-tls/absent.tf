resource "google_sql_database_instance" "orders" { # expect: encryption/cloud-sql-tls[warning]
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"
  }
}
