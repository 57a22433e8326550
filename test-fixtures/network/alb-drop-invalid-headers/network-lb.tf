# A network load balancer does not parse HTTP.
resource "aws_lb" "tcp" {
  name    = "tcp"
  subnets = ["subnet-1", "subnet-2"]
  load_balancer_type = "network"
}

resource "aws_lb" "gwlb" {
  name    = "gwlb"
  subnets = ["subnet-1", "subnet-2"]
  load_balancer_type = "gateway"
}
