# iac-review:ignore naming/identifier-format until=2099-12-31 -- renamed together with the state migration
resource "aws_s3_bucket" "LegacyBucket" {
  bucket = "legacy"
}
