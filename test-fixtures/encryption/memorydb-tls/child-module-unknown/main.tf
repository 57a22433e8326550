variable "tls" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_memorydb_cluster" "main" {
  name        = "main"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  tls_enabled = var.tls
}
