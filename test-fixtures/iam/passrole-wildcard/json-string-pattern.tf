resource "aws_iam_user_policy" "deployer" {
  name   = "deployer"
  user   = "deployer"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"lambda:CreateFunction\",\"iam:Pass*\"],\"Resource\":\"*\"}]}" # expect: iam/passrole-wildcard
}
