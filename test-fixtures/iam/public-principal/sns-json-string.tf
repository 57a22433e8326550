resource "aws_sns_topic_policy" "alerts" {
  arn    = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]},\"Action\":\"sns:Publish\",\"Resource\":\"arn:aws:sns:eu-west-1:123456789012:alerts\"}]}" # expect: iam/public-principal
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # expect: iam/public-principal
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::123456789012:role/blocked" }
      Action       = "sqs:SendMessage"
      Resource     = "arn:aws:sqs:eu-west-1:123456789012:jobs"
    }]
  })
}
