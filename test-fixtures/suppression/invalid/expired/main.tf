# expect: suppression/invalid
# iac-review:ignore naming/identifier-format until=2025-12-31 -- kept until the Q4 rename
resource "aws_s3_bucket" "LegacyBucket" { # expect: naming/identifier-format
  bucket = "legacy"
}
