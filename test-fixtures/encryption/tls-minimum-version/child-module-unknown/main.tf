variable "ssl_policy" {
  default = "ELBSecurityPolicy-2016-08"
}

# The caller decides: the checklist asks a human.
resource "aws_lb_listener" "main" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
