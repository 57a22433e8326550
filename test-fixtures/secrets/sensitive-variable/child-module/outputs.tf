output "connection_string" {
  value     = "postgres://app:${var.master_password}@db:5432/app"
  sensitive = true
}

output "client_id" {
  value = "app-client"
}
