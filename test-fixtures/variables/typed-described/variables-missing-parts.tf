variable "instance_count" { # expect: variables/typed-described[info]
  default = 2
}

variable "environment" { # expect: variables/typed-described
  type = string
}

variable "subnet_ids" { # expect: variables/typed-described
  description = "Subnets to place the instances in."
}

# A blank description says nothing.
variable "name" { # expect: variables/typed-described
  type        = string
  description = "  "
}

variable "enabled" {} # expect: variables/typed-described

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
