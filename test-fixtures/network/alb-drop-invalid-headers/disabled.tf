resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
  drop_invalid_header_fields = false # expect: network/alb-drop-invalid-headers
}
