# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
# The bucket was renamed with a moved block: the plan moves it (previous_address) and destroys nothing.
moved {
  from = aws_s3_bucket.logs
  to   = aws_s3_bucket.access_logs
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}
