# The billing service: invoices in S3, a job log, the policy its workers use
# and an alerts topic. The end-to-end tests open this module in VS Code;
# the "expect" comments name the findings each line must have.

resource "aws_s3_bucket" "invoices" { # expect: lifecycle/prevent-destroy[warning]
  bucket = "acme-billing-invoices"

  tags = {
    CostCenter = "cc-4021"
    Service    = "invoices"
  }
}

resource "aws_cloudwatch_log_group" "jobs" { # expect: observability/log-retention[warning]
  name = "/billing/jobs"

  tags = {
    CostCenter = "cc-4021"
  }
}

resource "aws_iam_policy" "workers" {
  name = "billing-workers"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/wildcard-action[error], iam/passrole-wildcard[error], iam/wildcard-resource[warning]
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })

  tags = {
    CostCenter = "cc-4021"
  }
}

resource "aws_sns_topic" "alerts" { # expect: tagging/required-tags[warning]
  name = "billing-alerts"
}
