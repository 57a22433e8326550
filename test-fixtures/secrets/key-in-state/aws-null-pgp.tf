resource "aws_iam_access_key" "ci" {
  user    = "ci"
  pgp_key = null # expect: secrets/key-in-state
}
