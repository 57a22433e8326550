variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "AWS region"
}

variable "environment" {
  type = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "Environment must be dev, staging or prod."
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "ingress_rules" {
  type = list(object({
    port  = number
    cidrs = list(string)
  }))
  default = [
    { port = 443, cidrs = ["10.0.0.0/8"] },
    { port = 80, cidrs = ["10.0.0.0/8"] }
  ]
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "services" {
  type = list(object({ team = string, name = string, enabled = bool }))
  default = []
}

variable "vpc_cidr" { default = "10.0.0.0/16" }
variable "project" {}
