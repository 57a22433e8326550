# Passing: regions inside names, other clouds' regions, look-alikes, descriptions.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs-eu-west-1"
  tags = {
    Name = "logs-us-east-1-replica"
  }
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier in eu-west-1a"
}

resource "google_compute_subnetwork" "app" {
  name          = "app"
  region        = "europe-west1"
  ip_cidr_range = "10.2.0.0/16"
  network       = "default"
}

resource "google_container_cluster" "gke" {
  name     = "gke"
  location = "us-central1-a"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}

resource "aws_ssm_parameter" "lookalike" {
  name  = "/app/zone"
  type  = "String"
  value = "cap-south-1x"
}
