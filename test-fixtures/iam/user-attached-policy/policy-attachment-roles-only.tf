resource "aws_iam_policy_attachment" "app" {
  name       = "app"
  users      = []
  roles      = ["app"]
  policy_arn = "arn:aws:iam::123456789012:policy/app"
}
