variable "settings" {
  type        = any
  description = "Free-form settings passed through to the chart."
  default     = {}
}

variable "db_password" {
  type        = string
  description = <<-EOT
    Password of the application database user.
    Rotate it with the secrets runbook.
  EOT
  sensitive   = true
}

variable "ports" {
  type = list(number)
  # Descriptions may be built from locals.
  description = "Ports to open (default: ${join(", ", ["80", "443"])})."
  default     = [80, 443]
}

output "endpoint" {
  description = "Where the service listens."
  value       = "https://example.com"
}
