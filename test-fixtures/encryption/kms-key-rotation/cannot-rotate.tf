# AWS cannot rotate these automatically: nothing to report.
resource "aws_kms_key" "signing" {
  description              = "release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
}

resource "aws_kms_key" "mac" {
  description              = "webhook MACs"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}

resource "aws_kms_key" "hsm" {
  description         = "CloudHSM-backed"
  custom_key_store_id = "cks-1234567890abcdef0"
}

resource "aws_kms_key" "rotating" {
  description             = "rotates every 90 days"
  enable_key_rotation     = true
  rotation_period_in_days = 90
}
