resource "aws_security_group" "wiki" {
  name        = "${local.name}-web"
  description = "Wiki web server"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from the office VPN"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpn_cidr]
  }

  ingress {
    description = "SSH for debugging"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

resource "aws_security_group" "db" {
  name        = "${local.name}-db"
  description = "Wiki database"
  vpc_id      = var.vpc_id

  ingress {
    description     = "MySQL from the web server"
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [aws_security_group.wiki.id]
  }

  tags = local.tags
}
