resource "aws_iam_policy" "orders" {
  name = "orders"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.read_statement, local.write_statement]
  })
}
