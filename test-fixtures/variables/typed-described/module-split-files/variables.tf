variable "vpc_id" {
  type        = string
  description = "VPC the security group belongs to."
}

variable "allowed_cidrs" { # expect: variables/typed-described
  type    = list(string)
  default = []
}
