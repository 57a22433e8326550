# In a resource policy, "*" means the resource the policy is attached to (a KMS key
# policy always says "*"): this rule is about identity policies.
resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}
