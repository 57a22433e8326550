resource "aws_iam_policy" "ec2_admin" {
  name   = "ec2-admin"
  policy = file("${path.module}/ec2-admin.json") # expect: iam/wildcard-action[warning]
}
