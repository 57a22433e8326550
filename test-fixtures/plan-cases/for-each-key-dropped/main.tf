# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
# A key dropped from a for_each map destroys that instance's table; the instances kept are not reported.
resource "aws_dynamodb_table" "tenant" { # expect: plan/destroys-stateful
  for_each     = toset(["acme", "globex"])
  name         = "tenant-${each.key}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
