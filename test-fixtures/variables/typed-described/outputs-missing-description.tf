resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

output "bucket_arn" { # expect: variables/typed-described[info]
  value = aws_s3_bucket.logs.arn
}

output "bucket_name" {
  description = "Name of the log bucket."
  value       = aws_s3_bucket.logs.bucket
}

output "bucket_id" { # expect: variables/typed-described
  description = ""
  value       = aws_s3_bucket.logs.id
}
