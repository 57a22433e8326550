# fixture-rules: tagging/required-tags
# The provider's default tags come from an input: the code cannot tell which tags a resource ends up with; the
# plan's tags_all can. The bucket gets every required tag; one of the queues does not.
variable "default_tags" {
  type        = map(string)
  description = "Tags every resource gets."
}

variable "queues" {
  type        = map(map(string))
  description = "Queues by name, with their own tags."
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = var.default_tags
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  tags = {
    Name = "data"
  }
}

resource "aws_sqs_queue" "work" {
  for_each = var.queues
  name     = each.key
  tags     = each.value # expect: tagging/required-tags
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  tags = var.topic_tags
}

variable "topic_tags" {
  type        = map(string)
  description = "Tags of the alerts topic."
}
