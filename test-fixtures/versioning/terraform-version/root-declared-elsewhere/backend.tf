terraform {
  backend "gcs" {
    bucket = "acme-state"
    prefix = "app"
  }
}
