# Point-in-time recovery without enabled backups does nothing.
resource "google_sql_database_instance" "orders" { # expect: resilience/cloud-sql-backups
  name             = "orders"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      point_in_time_recovery_enabled = true
    }
  }
}
