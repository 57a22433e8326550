resource "aws_iam_access_key" "ci" {
  user    = "ci"
  pgp_key = "keybase:ci_operator"
}
