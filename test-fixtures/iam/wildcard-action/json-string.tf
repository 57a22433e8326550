resource "aws_iam_user_policy" "legacy" {
  name   = "legacy"
  user   = "legacy"
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}" # expect: iam/wildcard-action[error]
}
