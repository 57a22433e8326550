variable "acl" {
  default = "private"
}

# The caller decides: the checklist asks a human.
resource "aws_s3_bucket_acl" "main" {
  bucket = "main"
  acl    = var.acl
}
