module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  name = local.name
  cidr = "10.20.0.0/16"
}

module "queue" {
  source = "./modules/queue"

  name = "${local.name}-jobs"
}

module "dashboards" {
  source = "git::https://github.com/acme/terraform-dashboards.git?ref=main"

  service = local.name
}

resource "aws_instance" "worker" {
  count         = var.workerCount
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.large"
  subnet_id     = module.vpc.private_subnets[0]

  root_block_device {
    volume_size = 50
  }
}
