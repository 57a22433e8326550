# Attributes-as-blocks: `ingress = [ { … } ]`.
resource "aws_security_group" "old_style" {
  name = "old-style"
  ingress = [ # expect: network/open-ingress[error]
    {
      description      = "SSH"
      from_port        = 22
      to_port          = 22
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = []
      prefix_list_ids  = []
      security_groups  = []
      self             = false
    },
  ]
}
