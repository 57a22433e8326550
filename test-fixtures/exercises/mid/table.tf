resource "aws_dynamodb_table" "payments" {
  name                        = "payments-${var.environment}"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "payment_id"
  deletion_protection_enabled = true

  attribute {
    name = "payment_id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.payments.arn
  }
}

resource "aws_dynamodb_resource_policy" "audit_read" {
  resource_arn = aws_dynamodb_table.payments.arn

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:role/payments-audit" }
      Action    = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource  = aws_dynamodb_table.payments.arn
    }]
  })
}
