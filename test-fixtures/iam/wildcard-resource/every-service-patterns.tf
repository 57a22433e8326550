# Patterns over every service (`*:…`) on Resource "*": reported when one action they grant supports
# resource-level permissions and writes, whatever service it is in; not when every action they grant is
# read-only or works only on "*".
resource "aws_iam_policy" "every_service" {
  name = "every-service"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/wildcard-resource
        Effect   = "Allow"
        Action   = ["*:PutObject"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["*:GetCallerIdentity", "*:GetBucketPolicy"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["*:NoSuchActionAnywhere"]
        Resource = "*"
      },
      { # expect: iam/wildcard-resource
        Effect   = "Allow"
        Action   = ["s3:GetObject", "*:Delete*"]
        Resource = "*"
      },
    ]
  })
}
