# A misspelled action in a Deny statement denies nothing: reported too.
resource "aws_iam_group_policy" "guard" {
  name   = "guard"
  group  = "developers"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"s3:DeleteBuckets\"],\"Resource\":\"*\"}]}" # expect: iam/unknown-action
}
