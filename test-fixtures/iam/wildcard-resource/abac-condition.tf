# Attribute-based access control: the tag condition, not the ARN, scopes the resources.
data "aws_iam_policy_document" "team_instances" {
  statement {
    actions   = ["ec2:StartInstances", "ec2:StopInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/team"
      values   = ["payments"]
    }
  }

  # A condition that does not narrow the resources changes nothing.
  statement { # expect: iam/wildcard-resource
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}
