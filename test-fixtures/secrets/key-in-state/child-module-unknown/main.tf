variable "pgp_key" {
  default = "keybase:ops"
}

# The caller decides: the checklist asks a human.
resource "aws_iam_access_key" "main" {
  user    = "main"
  pgp_key = var.pgp_key
}
