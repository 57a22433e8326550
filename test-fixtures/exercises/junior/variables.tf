variable "region" {
  type        = string
  description = "AWS region of the wiki."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment."
  default     = "prod"
}

variable "vpc_id" {
  type        = string
  description = "VPC the wiki runs in."
  default     = "vpc-0f1e2d3c4b5a69788"
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the instance and the database."
  default     = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
}

variable "vpn_cidr" {
  type        = string
  description = "Office VPN range."
  default     = "10.8.0.0/16"
}
