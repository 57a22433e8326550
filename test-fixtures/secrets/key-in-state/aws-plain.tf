resource "aws_iam_access_key" "ci" { # expect: secrets/key-in-state[warning]
  user = "ci"
}
