provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "a" {
  name = "a"
  tags = local.tags
}

resource "aws_sqs_queue" "b" {
  name = "b"
  tags = merge(local.tags, { Name = "b" })
}
