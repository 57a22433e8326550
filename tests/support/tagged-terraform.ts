// Terraform that passes the tagging and versioning rules, so a diff-mode test sees only the finding it plants.

export const VERSIONS = `terraform {
  required_version = "~> 1.9"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}
`;

/** A tagged IAM policy granting one action on one bucket's objects. */
export const policy = (name: string, action: string) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  tags = { Owner = "a", Environment = "b", CostCenter = "c" }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "${action}", Resource = "arn:aws:s3:::b/*" }]
  })
}
`;
