# Passing: a module whose secret inputs and outputs are all marked.
variable "master_password" {
  type        = string
  description = "Master password"
  sensitive   = true
}

variable "client_secret" {
  type      = string
  sensitive = true
  default   = null
}
