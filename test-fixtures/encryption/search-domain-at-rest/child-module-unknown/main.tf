variable "encrypt" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_opensearch_domain" "main" {
  domain_name = "main"

  encrypt_at_rest {
    enabled = var.encrypt
  }
}
