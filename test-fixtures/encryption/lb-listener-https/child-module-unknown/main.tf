variable "protocol" {
  default = "HTTPS"
}

# The caller decides: the checklist asks a human.
resource "aws_lb_listener" "main" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = var.protocol

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
