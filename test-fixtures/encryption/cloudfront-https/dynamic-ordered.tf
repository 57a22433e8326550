locals {
  behaviors = {
    "/api/*"    = "https-only"
    "/static/*" = "allow-all"
  }
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "site.s3.amazonaws.com"
    origin_id   = "s3"
  }

  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.behaviors
    content {
      path_pattern           = ordered_cache_behavior.key
      target_origin_id       = "s3"
      viewer_protocol_policy = ordered_cache_behavior.value # expect: encryption/cloudfront-https
      allowed_methods        = ["GET", "HEAD"]
      cached_methods         = ["GET", "HEAD"]
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
