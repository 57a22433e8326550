# A secondary of a global datastore takes the primary's settings.
resource "aws_elasticache_replication_group" "secondary" {
  replication_group_id        = "secondary"
  description                 = "secondary"
  global_replication_group_id = "ldgnf-sessions"
}
