resource "aws_alb" "api" { # expect: network/alb-drop-invalid-headers
  name    = "api"
  subnets = ["subnet-1", "subnet-2"]
}
