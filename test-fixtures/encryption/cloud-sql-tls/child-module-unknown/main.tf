variable "ssl_mode" {
  default = "ENCRYPTED_ONLY"
}

# The caller decides: the checklist asks a human.
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_16"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ssl_mode = var.ssl_mode
    }
  }
}
