variable "db_password" {
  type        = string
  description = "Master password of the orders database."
  sensitive   = true
}

variable "db_clients" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the database (set per environment in CI)."
}

variable "worker_actions" {
  type        = list(string)
  description = "What the worker may do with invoices (set per environment in CI)."
}
