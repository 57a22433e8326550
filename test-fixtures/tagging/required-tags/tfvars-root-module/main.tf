terraform {
  backend "s3" {
    bucket = "acme-state"
    key    = "app.tfstate"
    region = "eu-west-1"
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

variable "extra_tags" {
  type        = map(string)
  description = "Tags only the queue gets."
  default = {
    Owner = "from-default"
  }
}

# var.tags comes from terraform.tfvars (complete).
resource "aws_sns_topic" "alerts" {
  name = "alerts"
  tags = var.tags
}

# var.extra_tags: its default is overridden by terraform.tfvars, which lacks CostCenter.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = var.extra_tags # expect: tagging/required-tags
}
