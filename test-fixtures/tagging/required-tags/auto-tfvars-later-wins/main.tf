provider "aws" {
  region = "eu-west-1"
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
}

resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"
  tags     = var.tags # expect: tagging/required-tags
  attribute {
    name = "id"
    type = "S"
  }
}
