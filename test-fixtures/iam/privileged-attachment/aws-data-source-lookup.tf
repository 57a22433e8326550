data "aws_iam_policy" "iam_full" {
  name = "IAMFullAccess"
}

resource "aws_iam_user_policy_attachment" "bob" {
  user       = "bob"
  policy_arn = data.aws_iam_policy.iam_full.arn # expect: iam/privileged-attachment
}
