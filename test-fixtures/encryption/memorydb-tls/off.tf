resource "aws_memorydb_cluster" "orders" {
  name       = "orders"
  node_type  = "db.t4g.small"
  acl_name   = "open-access"
  tls_enabled = false # expect: encryption/memorydb-tls[warning]
}
