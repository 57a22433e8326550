resource "aws_api_gateway_domain_name" "api" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
  security_policy          = "TLS_1_0" # expect: encryption/tls-minimum-version

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # expect: encryption/tls-minimum-version
  }
}
