# Passing: strings that contain "ami-" but are no AMI id.
resource "aws_iam_policy" "amis" {
  name        = "ami-builders"
  description = "Lets the builder register ami-0c55b159cbfafe1f0 and friends"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:RegisterImage", "ec2:DeregisterImage"]
      Resource = "arn:aws:ec2:*::image/ami-*"
    }]
  })
}

resource "aws_ssm_parameter" "names" {
  name  = "/builds/my-ami-12345678"
  type  = "String"
  value = "ami-123456789"
}

resource "aws_ecr_repository" "tools" {
  name = "ami-deadbeef-builder"
}
