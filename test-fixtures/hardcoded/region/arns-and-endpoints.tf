resource "aws_sns_topic_subscription" "alerts" {
  topic_arn = "arn:aws:sns:eu-central-1:${var.account}:alerts" # expect: hardcoded/region
  protocol  = "https"
  endpoint  = "https://hooks.example.com/alerts"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.eu-west-1.s3" # expect: hardcoded/region
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "${var.account}.dkr.ecr.us-east-2.amazonaws.com/app:1.4.2" # expect: hardcoded/region
  }])
}

resource "aws_kms_key" "logs" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.me-central-1.amazonaws.com" } # expect: hardcoded/region
      Action    = "kms:Encrypt*"
      Resource  = "*"
    }]
  })
}

variable "account" {
  type = string
}
