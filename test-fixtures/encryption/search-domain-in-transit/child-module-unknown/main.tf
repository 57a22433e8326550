variable "node_to_node" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_opensearch_domain" "main" {
  domain_name = "main"

  node_to_node_encryption {
    enabled = var.node_to_node
  }
}
