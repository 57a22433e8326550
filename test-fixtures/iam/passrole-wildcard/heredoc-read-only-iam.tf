resource "aws_iam_role_policy" "inspector" {
  name   = "inspector"
  role   = "inspector"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*" }
  ]
}
EOT
}
