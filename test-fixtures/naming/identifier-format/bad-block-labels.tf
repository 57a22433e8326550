resource "aws_s3_bucket" "AppLogs" { # expect: naming/identifier-format
  bucket = "app-logs"
}

data "aws_iam_policy_document" "read-only" { # expect: naming/identifier-format
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.AppLogs.arn}/*"]
  }
}

module "VPC" { # expect: naming/identifier-format
  source = "./modules/vpc"
}

# The resource type is the provider's name, not ours: only the second label is checked.
resource "aws_s3_bucket" "_tmp" { # expect: naming/identifier-format
  bucket = "tmp"
}
