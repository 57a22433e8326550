variable "region" {
  type        = string
  description = "AWS region of the platform."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment."
  default     = "prod"
}

variable "db_password" {
  type        = string
  description = "Master password of the orders database, from the secrets pipeline."
  sensitive   = true
}
