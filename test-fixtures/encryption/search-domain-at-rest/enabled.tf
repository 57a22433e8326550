resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = "alias/aws/es"
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"

  encrypt_at_rest {
    enabled = "true"
  }
}
