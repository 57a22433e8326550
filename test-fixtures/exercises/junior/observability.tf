resource "aws_cloudwatch_log_group" "wiki" {
  name = "/wiki/${var.environment}/app"

  tags = local.tags
}

output "wiki_address" {
  description = "Private IP of the wiki server."
  value       = aws_instance.wiki.private_ip
}
