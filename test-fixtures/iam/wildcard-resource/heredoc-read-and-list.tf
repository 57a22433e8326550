resource "aws_iam_role_policy" "auditor" {
  name   = "auditor"
  role   = "auditor"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject", "ec2:Describe*", "iam:Get*", "iam:List*", "cloudtrail:LookupEvents"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
