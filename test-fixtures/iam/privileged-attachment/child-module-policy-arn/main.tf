variable "policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# The caller picks the policy: listed for review, not reported.
resource "aws_iam_role_policy_attachment" "this" {
  role       = "worker"
  policy_arn = var.policy_arn
}
