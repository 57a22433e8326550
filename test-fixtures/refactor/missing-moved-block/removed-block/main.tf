# The old bucket leaves Terraform's management on purpose (kept, not destroyed).
removed {
  from = aws_s3_bucket.old

  lifecycle {
    destroy = false
  }
}

resource "aws_s3_bucket" "new" {
  bucket = "acme-new"
}
