# The repository root, called by examples/demo through a local source: a reusable module, where
# Terraform does not let a caller set prevent_destroy (SPEC §2a), so it is not asked for.
resource "aws_s3_bucket" "this" {
  bucket = var.name
}

variable "name" {
  type        = string
  description = "Bucket name."
}
