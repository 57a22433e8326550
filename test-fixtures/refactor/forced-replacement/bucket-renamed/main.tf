resource "aws_s3_bucket" "uploads" {
  bucket = "acme-customer-uploads" # expect: refactor/forced-replacement
}

resource "aws_sqs_queue" "jobs" { # expect: refactor/forced-replacement
}
