resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"

  node_to_node_encryption {
    enabled = false # expect: encryption/search-domain-in-transit
  }
}
