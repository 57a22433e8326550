variable "encrypt" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_dax_cluster" "main" {
  cluster_name       = "main"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1

  server_side_encryption {
    enabled = var.encrypt
  }
}
