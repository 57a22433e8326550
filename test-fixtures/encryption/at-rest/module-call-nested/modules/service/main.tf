variable "name" {
  type = string
}

variable "encrypt" {
  type = bool
}

module "db" {
  source            = "../db"
  name              = "${var.name}-db"
  storage_encrypted = var.encrypt
}
