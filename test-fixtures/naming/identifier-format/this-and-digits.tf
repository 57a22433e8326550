resource "aws_s3_bucket" "this" {
  bucket = "logs"
}

resource "aws_s3_bucket" "replica_2" {
  bucket = "logs-replica"
}

output "bucket_arns" {
  value = [aws_s3_bucket.this.arn, aws_s3_bucket.replica_2.arn]
}
