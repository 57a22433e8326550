# No terraform block at all: each finding goes on the first block that uses the provider.
resource "random_id" "suffix" { # expect: versioning/provider-pinned
  byte_length = 4
}

resource "aws_s3_bucket" "logs" { # expect: versioning/provider-pinned
  bucket = "logs-${random_id.suffix.hex}"
}

data "aws_caller_identity" "current" {}

# The built-in provider never needs a declaration.
resource "terraform_data" "marker" {
  input = aws_s3_bucket.logs.id
}
