resource "aws_lb" "web" { # expect: network/alb-drop-invalid-headers[warning]
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
  load_balancer_type = "application"
}
