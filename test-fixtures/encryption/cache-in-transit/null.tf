resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "sessions"
  node_type            = "cache.t4g.small"
  transit_encryption_enabled = null # expect: encryption/cache-in-transit
}
