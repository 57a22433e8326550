# Only data streams are in scope.
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::logs"
  }
}
