resource "aws_alb_listener" "api" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/api/50dc6c495c0c9188"
  port              = 8080
  protocol          = "HTTP"

  default_action {
    type = "fixed-response" # expect: encryption/lb-listener-https

    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
