# The Google provider protects these unless told otherwise: absent is fine.
resource "google_sql_database_instance" "main" {
  name             = "main"
  database_version = "POSTGRES_15"
  region           = "europe-west1"
}

resource "google_sql_database_instance" "scratch" {
  name                = "scratch"
  database_version    = "POSTGRES_15"
  deletion_protection = false # expect: resilience/deletion-protection
}

resource "google_container_cluster" "apps" {
  name                = "apps"
  location            = "europe-west1"
  deletion_protection = false # expect: resilience/deletion-protection
}

resource "google_container_cluster" "default_protected" {
  name     = "default-protected"
  location = "europe-west1"
}

resource "google_bigquery_table" "events" {
  dataset_id = "analytics"
  table_id   = "events"
}
