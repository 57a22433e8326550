variable "transit" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "main"
  description                = "main"
  transit_encryption_enabled = var.transit
}
