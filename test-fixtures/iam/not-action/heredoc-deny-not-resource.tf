resource "aws_iam_group_policy" "contractors" {
  name   = "contractors"
  group  = "contractors"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-shared/*" },
    { "Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::acme-shared", "arn:aws:s3:::acme-shared/*"] }
  ]
}
EOT
}
