# count = 0: nothing is created.
resource "aws_s3_bucket" "optional" {
  count  = 0
  bucket = "acme-optional"
}

resource "aws_s3_bucket" "per_env" { # expect: lifecycle/prevent-destroy
  for_each = toset(["dev", "prod"])
  bucket   = "acme-${each.key}"
}

resource "aws_dynamodb_table" "per_tenant" {
  count        = 3
  name         = "tenant-${count.index}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  lifecycle {
    prevent_destroy = true
  }
}
