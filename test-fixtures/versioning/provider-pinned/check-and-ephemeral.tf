terraform {
  required_providers { # expect: versioning/provider-pinned, versioning/provider-pinned
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

# A data source scoped to a check block still needs its provider (http).
check "health" {
  data "http" "status" {
    url = "https://example.com/health"
  }

  assert {
    condition     = data.http.status.status_code == 200
    error_message = "unhealthy"
  }
}

# Ephemeral resources (Terraform 1.10+) too (random).
ephemeral "random_password" "db" {
  length = 24
}

resource "aws_ssm_parameter" "db_password" {
  name             = "/app/db/password"
  type             = "SecureString"
  value_wo         = ephemeral.random_password.db.result
  value_wo_version = 1
}
