resource "aws_kms_key" "data" { # expect: encryption/kms-key-rotation[warning]
  description             = "application data"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = false # expect: encryption/kms-key-rotation
}

resource "aws_kms_key" "explicit_symmetric" { # expect: encryption/kms-key-rotation
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"

  tags = {
    Name = "explicit"
  }
}

# expect: encryption/kms-key-rotation
resource "aws_kms_key" "empty" {}
