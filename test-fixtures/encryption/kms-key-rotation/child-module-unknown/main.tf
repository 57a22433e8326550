variable "rotate" {
  type    = bool
  default = true
}

variable "key_spec" {
  type    = string
  default = "SYMMETRIC_DEFAULT"
}

# The caller decides: listed in the checklist, not reported.
resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = var.rotate
}

resource "aws_kms_key" "maybe_asymmetric" {
  description              = "spec from the caller"
  customer_master_key_spec = var.key_spec
}
