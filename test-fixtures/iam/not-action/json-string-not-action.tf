resource "aws_iam_policy" "almost_admin" {
  name   = "almost-admin"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}" # expect: iam/not-action
}
