resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "strictest"
}
