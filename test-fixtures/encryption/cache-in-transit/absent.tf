resource "aws_elasticache_replication_group" "sessions" { # expect: encryption/cache-in-transit[warning]
  replication_group_id = "sessions"
  description          = "sessions"
  node_type            = "cache.t4g.small"
}
