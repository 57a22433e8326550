variable "name" {
  type        = string
  description = "Bucket name suffix."
}

resource "aws_s3_bucket" "this" { # expect: plan/replaces-stateful
  bucket = "acme-${var.name}"
}
