# enforce_https defaults to true.
resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"

  node_to_node_encryption {
    enabled = "true"
  }

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
