# The actions come back from the child module's output: the caller's own policy is judged on them.
module "permissions" {
  source = "./modules/permissions"
}

data "aws_iam_policy_document" "app" {
  statement { # expect: iam/wildcard-action
    actions   = module.permissions.storage_actions
    resources = ["arn:aws:s3:::app-data/*"]
  }

  statement {
    actions   = module.permissions.read_actions
    resources = ["arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
