# Conditions that bind Resource "*" to the resources an action creates or acts on, and close cases that do not.
data "aws_iam_policy_document" "controller" {
  # The service-linked role of one service only.
  statement {
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "iam:AWSServiceName"
      values   = [data.aws_service_principal.fsx.name]
    }
  }

  # Only load balancers created with the cluster's tag (attribute-based access control).
  statement {
    actions   = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "aws:RequestTag/elbv2.k8s.aws/cluster"
      values   = ["false"]
    }
  }

  statement {
    actions   = ["ec2:CreateVolume"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "aws:RequestTag/ebs.csi.aws.com/cluster"
      values   = ["*"]
    }
  }

  statement {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:TagKeys"
      values   = ["team"]
    }
  }

  statement {
    actions   = ["ec2:DeleteVolume"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "ec2:ResourceTag/CSIVolumeName"
      values   = ["*"]
    }
  }

  # Close cases: the same keys, but the test also holds on a request without them, or names every service.
  statement { # expect: iam/wildcard-resource
    actions   = ["elasticloadbalancing:CreateLoadBalancer"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "aws:RequestTag/elbv2.k8s.aws/cluster"
      values   = ["true"]
    }
  }

  statement { # expect: iam/wildcard-resource
    actions   = ["ec2:CreateVolume"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestTag/team"
      values   = ["payments"]
    }
  }

  statement { # expect: iam/wildcard-resource
    actions   = ["ec2:DeleteVolume"]
    resources = ["*"]
    condition {
      test     = "StringEqualsIfExists"
      variable = "aws:ResourceTag/team"
      values   = ["payments"]
    }
  }

  statement { # expect: iam/wildcard-resource
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["team"]
    }
  }

  statement { # expect: iam/wildcard-resource
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "iam:AWSServiceName"
      values   = ["*"]
    }
  }

  # Which service a key is used through says nothing about which key.
  statement { # expect: iam/wildcard-resource
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ec2.eu-west-1.amazonaws.com"]
    }
  }
}

data "aws_service_principal" "fsx" {
  service_name = "fsx"
}

# The same in JSON, where the values are read as written.
resource "aws_iam_policy" "json" {
  name = "json"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:CreateServiceLinkedRole"
        Resource  = "*"
        Condition = { StringEquals = { "iam:AWSServiceName" = "autoscaling.amazonaws.com" } }
      },
      {
        Effect    = "Allow"
        Action    = ["ec2:CreateSecurityGroup"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:RequestTag/team" = "payments" } }
      },
      { # expect: iam/wildcard-resource
        Effect    = "Allow"
        Action    = ["ec2:CreateSecurityGroup"]
        Resource  = "*"
        Condition = { IpAddress = { "aws:SourceIp" = "10.0.0.0/8" } }
      },
    ]
  })
}
