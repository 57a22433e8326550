variable "admin_password" {
  type      = string
  sensitive = true
}

variable "settings" {
  type      = map(string)
  sensitive = true
}

resource "random_password" "admin" {
  length = 32
}

resource "tls_private_key" "deploy" {
  algorithm = "ED25519"
}

resource "aws_iam_access_key" "ci" {
  user = "ci"
}

output "admin_password" { # expect: secrets/sensitive-variable
  value = var.admin_password
}

output "generated" { # expect: secrets/sensitive-variable
  description = "The generated admin credential"
  value       = random_password.admin.result
}

output "deploy_key" { # expect: secrets/sensitive-variable
  value = tls_private_key.deploy.private_key_openssh
}

output "ci_credentials" { # expect: secrets/sensitive-variable
  value = {
    id  = aws_iam_access_key.ci.id
    key = aws_iam_access_key.ci.secret
  }
}

output "app_settings" {
  value     = var.settings
  sensitive = false # expect: secrets/sensitive-variable
}
