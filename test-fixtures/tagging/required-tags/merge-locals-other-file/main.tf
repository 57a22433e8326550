provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
  tags = merge(local.common_tags, { Name = "orders" }) # expect: tagging/required-tags
}

resource "aws_sqs_queue" "refunds" {
  name = "refunds"
  tags = merge(local.full_tags, { Name = "refunds" })
}
