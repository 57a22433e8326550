# Outputs and variables whose names end in a secret word but whose values are not secrets: ciphertext under the
# user's PGP key, digests, version markers, settings and known booleans or numbers. Each has a close case that is.
resource "aws_iam_user" "u" {
  name = "u"
}

resource "aws_iam_user_login_profile" "u" {
  user    = aws_iam_user.u.name
  pgp_key = "keybase:someone"
}

resource "aws_iam_access_key" "u" {
  user    = aws_iam_user.u.name
  pgp_key = "keybase:someone"
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 20
  max_password_age        = 90
}

resource "aws_s3tables_table" "t" {
  name             = "t"
  namespace        = "ns"
  table_bucket_arn = "arn:aws:s3tables:eu-west-1:123456789012:bucket/b"
  format           = "ICEBERG"
}

output "login_profile_encrypted_password" {
  description = "The password, encrypted with the user's PGP key and base64 encoded"
  value       = try(aws_iam_user_login_profile.u.encrypted_password, null)
}

output "access_key_encrypted_secret" {
  value = aws_iam_access_key.u.encrypted_secret
}

output "smtp_password_encrypted" {
  value = aws_iam_access_key.u.encrypted_ses_smtp_password_v4
}

output "iam_account_password_policy_expire_passwords" {
  description = "Whether passwords in the account expire"
  value       = try(aws_iam_account_password_policy.strict.expire_passwords, null)
}

output "table_version_tokens" {
  value = { for k, v in { t = aws_s3tables_table.t } : k => v.version_token }
}

output "table_version_token" {
  value = aws_s3tables_table.t.version_token
}

output "admin_password" {
  description = "Known to be a number: how many days a password lives"
  value       = 90
}

output "ci_token" {
  description = "Known to be a bool"
  value       = true
}

variable "ssh_key_fingerprint_secret" {
  type = string
}

variable "hashed_password" {
  type = string
}

# Close cases: the same shapes holding the secret itself.

output "access_key_secret" { # expect: secrets/sensitive-variable
  value = aws_iam_access_key.u.secret
}

output "login_profile_password" { # expect: secrets/sensitive-variable
  value = aws_iam_user_login_profile.u.password
}

output "credentials" { # expect: secrets/sensitive-variable
  value = { for k, v in { u = aws_iam_access_key.u } : k => v.secret }
}

output "unencrypted_password" { # expect: secrets/sensitive-variable
  value = aws_iam_user_login_profile.u.password
}

output "version_control_token" { # expect: secrets/sensitive-variable
  value = "ghp_example"
}

variable "expired_password" { # expect: secrets/sensitive-variable
  type = string
}
