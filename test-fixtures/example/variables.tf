variable "region" {
  type        = string
  description = "AWS region to deploy into."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment."
}

variable "db_password" {
  type        = string
  description = "Master password of the orders database."
}

variable "workerCount" {
  type        = number
  description = "How many worker instances to run."
  default     = 2
}
