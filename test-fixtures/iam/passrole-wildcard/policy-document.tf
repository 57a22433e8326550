data "aws_iam_policy_document" "launcher" {
  statement { # expect: iam/passrole-wildcard
    actions   = ["ec2:RunInstances", "iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "launcher" {
  name   = "launcher"
  role   = "launcher"
  policy = data.aws_iam_policy_document.launcher.json
}
