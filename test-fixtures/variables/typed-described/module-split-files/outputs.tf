output "security_group_id" { # expect: variables/typed-described
  value = aws_security_group.this.id
}
