# A root module (configured provider): variables take their tfvars values.
provider "aws" {
  region = "eu-west-1"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_credential" {
  type      = string
  sensitive = true
}

variable "bootstrap" {
  type = string
}

variable "environment" {
  type = string
}

resource "aws_db_instance" "main" {
  identifier = "main-${var.environment}"
  password   = var.bootstrap
}
