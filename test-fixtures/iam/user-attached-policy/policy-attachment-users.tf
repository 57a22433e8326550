resource "aws_iam_policy_attachment" "billing" {
  name       = "billing"
  users      = ["carol", "dave"] # expect: iam/user-attached-policy
  groups     = ["finance"]
  policy_arn = "arn:aws:iam::aws:policy/job-function/Billing"
}
