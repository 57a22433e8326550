# Absent minimums are TLS 1.2; the default CloudFront certificate fixes TLSv1 and cannot be changed.
resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "site.s3.amazonaws.com"
    origin_id   = "s3"
  }

  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
    minimum_protocol_version       = "TLSv1"
  }
}

resource "azurerm_mssql_server" "sql" {
  name                = "sql"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
