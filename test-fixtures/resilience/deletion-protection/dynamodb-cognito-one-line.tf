resource "aws_dynamodb_table" "locks" { # expect: resilience/deletion-protection
  name         = "terraform-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }
}

resource "aws_cognito_user_pool" "users" {
  name                = "users"
  deletion_protection = "INACTIVE" # expect: resilience/deletion-protection
}

# expect: resilience/deletion-protection
resource "aws_alb" "legacy" { name = "legacy" }
