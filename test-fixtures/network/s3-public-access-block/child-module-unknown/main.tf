variable "block_public_policy" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_s3_bucket_public_access_block" "main" {
  bucket                  = "main"
  block_public_acls       = true
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = true
  restrict_public_buckets = true
}
