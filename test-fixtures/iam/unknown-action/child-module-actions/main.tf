variable "extra_actions" {
  type    = list(string)
  default = ["s3:NoSuchAction"]
}

# In a child module the default is not what runs: callers decide var.extra_actions.
resource "aws_iam_policy" "this" {
  name = "this"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = concat(["s3:GetObject"], var.extra_actions)
      Resource = "arn:aws:s3:::acme/*"
    }]
  })
}
