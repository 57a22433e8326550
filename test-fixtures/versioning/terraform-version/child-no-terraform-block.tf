variable "bucket_name" { # expect: versioning/terraform-version[info]
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}
