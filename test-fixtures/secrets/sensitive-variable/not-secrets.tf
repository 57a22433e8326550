# Passing: names about secrets, switches, identifiers, and outputs already handled.
variable "password_length" {
  type    = number
  default = 24
}

variable "key_name" {
  type = string
}

variable "secret_name" {
  type = string
}

variable "token_ttl" {
  type = string
}

variable "kms_key_id" {
  type = string
}

variable "db_password_secret_arn" {
  type = string
}

variable "manage_master_user_password" {
  type    = bool
  default = true
}

variable "create_random_password" {
  default = false
}

variable "rotate_token" {
  type = bool
}

variable "password_reset_required" {
  type = bool
}

variable "session_token" {
  type      = string
  ephemeral = true
}

resource "aws_secretsmanager_secret" "db" {
  name = var.secret_name
}

resource "random_password" "db" {
  length = var.password_length
}

output "db_secret" {
  description = "ARN of the secret that holds the database password"
  value       = aws_secretsmanager_secret.db.arn
}

output "db_password_secret_name" {
  value = aws_secretsmanager_secret.db.name
}

output "password_length" {
  value = var.password_length
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}

output "debug_password" {
  description = "Deliberately shown in a throwaway sandbox"
  value       = nonsensitive(random_password.db.result)
}

output "key_name" {
  value = var.key_name
}
