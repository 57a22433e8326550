resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = local.deploy_policy
}
