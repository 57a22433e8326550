# expect: suppression/invalid
# iac-review:ignore naming/identifier-format -- name fixed by the import script

resource "aws_s3_bucket" "ImportedBucket" { # expect: naming/identifier-format
  bucket = "imported"
}
