# The bucket is gone and a table appears: not a rename (destroying the bucket is
# a separate question for the review checklist, not this rule).
resource "aws_dynamodb_table" "logs" {
  name         = "acme-logs"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
