variable "region" {
  type        = string
  description = "AWS region of the worker."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment."
  default     = "prod"
}

variable "psp_api_key" {
  type        = string
  description = "API key of the payment service provider, set by the deployment pipeline."
}
