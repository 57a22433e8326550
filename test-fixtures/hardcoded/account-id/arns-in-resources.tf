# Account ids in ARNs written into resource, data source and provider arguments.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111122223333"] # expect: hardcoded/account-id[warning]

  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform" # expect: hardcoded/account-id
  }
}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::123456789012:policy/ci-deploy" # expect: hardcoded/account-id
}

resource "aws_sns_topic_subscription" "alerts" {
  # The partition is interpolated; the account is still written down.
  topic_arn = "arn:${data.aws_partition.current.partition}:sns:eu-west-1:123456789012:alerts" # expect: hardcoded/account-id
  protocol  = "sqs"
  endpoint  = "arn:aws-us-gov:sqs:us-gov-west-1:210987654321:alerts" # expect: hardcoded/account-id
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["444455556666"] # expect: hardcoded/account-id
    }
  }
}

data "aws_partition" "current" {}
