# Passing: every secret input and output is marked.
variable "db_password" {
  type      = string
  sensitive = true
}

variable "datadog_api_key" {
  type      = string
  sensitive = true
}

resource "random_password" "admin" {
  length = 32
}

output "admin_password" {
  value     = random_password.admin.result
  sensitive = true
}

output "connection" {
  value = {
    host     = "db.internal"
    password = var.db_password
  }
  sensitive = true
}
