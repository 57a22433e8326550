variable "backups" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    backup_configuration {
      enabled            = var.backups
      binary_log_enabled = true
    }
  }
}
