provider "aws" {
  region = "eu-west-1"
}

variable "rotate_keys" {
  type    = bool
  default = true
}

# In a root module var.rotate_keys is what terraform.tfvars says: false.
resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = var.rotate_keys # expect: encryption/kms-key-rotation
}
