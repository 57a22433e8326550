resource "aws_sns_topic_policy" "alerts" {
  arn    = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]},\"Action\":\"sns:Publish\",\"Resource\":\"arn:aws:sns:eu-west-1:123456789012:alerts\"}]}" # expect: iam/public-principal
}
