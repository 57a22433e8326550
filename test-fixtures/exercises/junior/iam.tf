resource "aws_iam_role" "wiki" {
  name = "${local.name}-instance"

  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })

  tags = local.tags
}

resource "aws_iam_instance_profile" "wiki" {
  name = "${local.name}-instance"
  role = aws_iam_role.wiki.name

  tags = local.tags
}

resource "aws_iam_role_policy" "attachments" {
  name = "attachments"
  role = aws_iam_role.wiki.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = [aws_s3_bucket.attachments.arn, "${aws_s3_bucket.attachments.arn}/*"]
    }]
  })
}
