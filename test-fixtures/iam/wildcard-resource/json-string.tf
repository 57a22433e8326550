resource "aws_iam_group_policy" "admins" {
  name   = "admins"
  group  = "admins"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateUser\",\"iam:TagUser\"],\"Resource\":\"*\"}]}" # expect: iam/wildcard-resource
}
