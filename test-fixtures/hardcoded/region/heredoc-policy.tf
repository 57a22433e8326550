# An indented heredoc: the finding is on the line inside it (the expect comment
# there becomes part of the string, which this rule does not mind).
resource "aws_iam_policy" "logs" {
  name   = "logs"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "logs:PutLogEvents",
        "Resource": "arn:aws:logs:us-west-2:*:log-group:/app/*" # expect: hardcoded/region
      }]
    }
  EOT
}
