resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
}

resource "aws_kms_key" "logs" { # expect: acme/kms-key-rotation[error]
  description = "logs"
}

resource "aws_kms_key" "signing" {
  description              = "signing"
  customer_master_key_spec = "RSA_4096"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.data.arn
}

resource "aws_sqs_queue" "events" { # expect: acme/sqs-encrypted[error]
  name = "events"
}
