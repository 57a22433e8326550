resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
