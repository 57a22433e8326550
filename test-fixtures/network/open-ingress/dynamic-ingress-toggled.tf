# A reusable module whose rules are toggled by its caller (SPEC §2a).
variable "allow_ssh" {
  type = bool
}

variable "create" {
  type = bool
}

variable "extra_cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  count = var.create ? 1 : 0
  name  = "bastion"

  dynamic "ingress" { # expect: network/open-ingress
    for_each = var.allow_ssh ? [22] : []

    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  # The toggled branch opens only HTTPS: nothing to report.
  dynamic "ingress" {
    for_each = var.allow_ssh ? [] : [443]

    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  # Unknown content: the caller's CIDRs decide, a checklist item.
  dynamic "ingress" {
    for_each = var.allow_ssh ? var.extra_cidrs : []

    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }
}
