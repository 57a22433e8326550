# A redirect without a protocol keeps the request's own: HTTP.
resource "aws_lb_listener" "web" { # expect: encryption/lb-listener-https
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      path        = "/app"
      status_code = "HTTP_302"
    }
  }
}
