variable "region" {
  type        = string
  description = "AWS region the billing service runs in."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment: dev, staging or prod."
  default     = "prod"
}
