resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "random_id" "suffix" {
  byte_length = 4
}

# Declared nowhere: the finding goes on required_providers in versions.tf.
resource "azurerm_resource_group" "app" {
  name     = "app"
  location = "westeurope"
}
