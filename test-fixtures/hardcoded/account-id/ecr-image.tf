resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2" # expect: hardcoded/account-id
  }])
}

module "worker" {
  source  = "./modules/worker"
  role    = "arn:aws:iam::123456789012:role/worker" # expect: hardcoded/account-id
  image   = "public.ecr.aws/docker/library/nginx:1.27"
  version = "1.0.0"
}
