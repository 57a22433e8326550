resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https = false # expect: encryption/search-domain-in-transit
  }
}
