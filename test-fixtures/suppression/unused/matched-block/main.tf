# iac-review:ignore naming/identifier-format -- imported from the console, renamed in INFRA-231
resource "aws_s3_bucket" "ImportedBucket" {
  bucket = "imported"
}
