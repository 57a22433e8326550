variable "environment" {
  type        = string
  description = "Decided by the caller."
}

resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags = {
    Environment = var.environment
  }
}
