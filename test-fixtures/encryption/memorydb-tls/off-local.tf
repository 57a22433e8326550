locals {
  tls = false
}

resource "aws_memorydb_cluster" "orders" {
  name       = "orders"
  node_type  = "db.t4g.small"
  acl_name   = "open-access"
  tls_enabled = local.tls # expect: encryption/memorydb-tls
}
