# In a reusable module the key is an input its callers decide: undecided, not a finding.
variable "kms_key_arn" {
  type    = string
  default = null
}

variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  storage_encrypted = var.encrypted
  kms_key_id        = var.kms_key_arn
}
