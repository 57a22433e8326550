resource "aws_opensearch_domain" "logs" { # expect: encryption/search-domain-at-rest[warning]
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"
}
