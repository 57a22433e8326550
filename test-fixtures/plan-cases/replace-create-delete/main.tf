# Reviewed with plan.json beside it.
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "sessions" { # expect: plan/replaces-stateful
  name         = "sessions-v2"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    team = "identity"
  }

  lifecycle {
    create_before_destroy = true
  }
}
