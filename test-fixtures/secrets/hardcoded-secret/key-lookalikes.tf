# Passing: patterns that describe keys without holding one.
variable "deploy_key" {
  type      = string
  sensitive = true
  validation {
    condition     = startswith(var.deploy_key, "-----BEGIN OPENSSH PRIVATE KEY-----")
    error_message = "deploy_key must be an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)."
  }
}

variable "access_key_id" {
  type = string
  validation {
    condition     = can(regex("^(AKIA|ASIA)[A-Z0-9]{16}$", var.access_key_id))
    error_message = "Not an access key id."
  }
}

resource "aws_ssm_parameter" "docs" {
  name        = "/docs/example"
  type        = "String"
  value       = "See AKIAIOSFODNN7EXAMPLE in the AWS documentation"
  description = "Example key ids look like AKIAIOSFODNN7EXAMPLE"
}

resource "aws_ssm_parameter" "id" {
  name  = "/app/role-id"
  type  = "String"
  value = "AROAXXXXXXXXXXXXXXXXX AKIA2E0A8F3B244C9986X"
}
