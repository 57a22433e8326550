# The region argument (AWS provider v6) chooses the region as a provider block does, and AWS dictates
# us-east-1 for ECR Public and for CloudFront's certificates, Lambda@Edge functions and web ACLs.
data "aws_ecrpublic_authorization_token" "token" {
  region = "us-east-1"
}

resource "aws_ecrpublic_repository" "app" {
  repository_name = "app"
}

resource "aws_sqs_queue" "replica" {
  name   = "replica"
  region = "eu-central-1"
}

module "lambda_in_virginia" {
  source = "./lambda"
  region = "us-east-1"
}

resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/abc"

  viewer_certificate {
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    ssl_support_method  = "sni-only"
  }

  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:edge:1"
    }
  }

  origin {
    domain_name = "assets.s3.eu-west-1.amazonaws.com" # expect: hardcoded/region
    origin_id   = "assets"
  }
}

resource "aws_ssm_parameter" "registry" {
  name  = "/app/registry"
  type  = "String"
  value = "https://api.ecr-public.us-east-1.amazonaws.com"
}

# Close cases: the same region where it is a choice.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = {
    region = "eu-central-1" # expect: hardcoded/region
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/abc" # expect: hardcoded/region
  port              = 443
  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/abc" # expect: hardcoded/region
}

resource "aws_ecr_repository" "private" {
  name = "private"
}

resource "aws_ssm_parameter" "private_registry" {
  name  = "/app/private-registry"
  type  = "String"
  value = "https://api.ecr.us-east-1.amazonaws.com" # expect: hardcoded/region
}

resource "aws_dynamodb_table" "global" {
  name     = "global"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-west-2" # expect: hardcoded/region
  }
}

module "vpc" {
  source = "./vpc"
  azs    = ["eu-west-1a"] # expect: hardcoded/region
}

resource "aws_cloudfront_distribution" "site2" {
  enabled = true
  web_acl_id = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/site/abc" # expect: hardcoded/region
}
