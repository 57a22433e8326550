# Whole 12-digit strings given to account-like arguments and policy principals.
resource "aws_lambda_permission" "from_partner" {
  statement_id   = "AllowPartner"
  action         = "lambda:InvokeFunction"
  function_name  = "ingest"
  principal      = "210987654321" # expect: hardcoded/account-id
  source_account = "210987654321" # expect: hardcoded/account-id
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = "acme-shared"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["210987654321"] } # expect: hardcoded/account-id
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-shared/*"
    }]
  })
}

# A JSON policy in a heredoc: the finding is on the line inside the heredoc
# (the expect comment there is part of the string, which this rule ignores).
resource "aws_sqs_queue_policy" "heredoc" {
  queue_url = "https://sqs.example/q"
  policy    = <<EOT
{
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "210987654321" }, # expect: hardcoded/account-id
    "Action": "sqs:SendMessage",
    "Resource": "*"
  }]
}
EOT
}
