data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # expect: iam/privileged-attachment
}

resource "aws_iam_group_policy_attachment" "ops_power" {
  group      = "ops"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess" # expect: iam/privileged-attachment
}

resource "aws_iam_role" "legacy" {
  name = "legacy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess", # expect: iam/privileged-attachment
  ]
}
