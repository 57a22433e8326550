resource "aws_iam_role_policy" "worker" {
  name   = "worker"
  role   = "worker"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "kms:Decrypt", "logs:PutLogEvents"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "NotAction": ["sts:GetCallerIdentity"],
      "Resource": "*"
    }
  ]
}
EOT
}
