resource "aws_security_group" "this" {
  name   = "app"
  vpc_id = var.vpc_id
}
