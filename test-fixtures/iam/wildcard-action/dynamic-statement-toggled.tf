# Generated statements are read like written ones (SPEC §2a): a dynamic
# "statement" toggled by an unknown condition is reviewed, with its iterator.
variable "create" {
  type = bool
}

variable "allow_all" {
  type = bool
}

variable "statements" {
  type = any
}

locals {
  create = var.create && var.allow_all
}

data "aws_iam_policy_document" "this" {
  count = local.create ? 1 : 0

  dynamic "statement" { # expect: iam/wildcard-action
    for_each = var.allow_all ? [1] : []

    content {
      actions   = ["*"]
      resources = ["arn:aws:s3:::bucket/*"]
    }
  }

  # A known collection: one statement per element, the iterator bound.
  dynamic "statement" { # expect: iam/wildcard-action
    for_each = { s3 = "s3:GetObject", all = "ec2:*" }

    content {
      sid       = statement.key
      actions   = [statement.value]
      resources = ["arn:aws:s3:::bucket/*"]
    }
  }

  # The toggle's known branch is narrow: nothing to report.
  dynamic "statement" {
    for_each = !var.allow_all ? ["s3:GetObject"] : []

    content {
      actions   = statement.value == "" ? [] : [statement.value]
      resources = ["arn:aws:s3:::bucket/*"]
    }
  }

  # Unknown content: the caller's statements are a checklist item, never a finding.
  dynamic "statement" {
    for_each = var.statements != null ? var.statements : []

    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}
