# No values configured: nothing is checked.
resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags = {
    Environment = "anything-goes"
  }
}
