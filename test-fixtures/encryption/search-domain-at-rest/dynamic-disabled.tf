locals {
  encrypt = [false]
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  dynamic "encrypt_at_rest" {
    for_each = local.encrypt
    content {
      enabled = encrypt_at_rest.value # expect: encryption/search-domain-at-rest
    }
  }
}
