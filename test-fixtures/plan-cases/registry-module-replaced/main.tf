# fixture-rules: plan/replaces-stateful, plan/destroys-stateful
# A registry module the review cannot read (not installed): what the plan does inside it is placed on the module block.
module "rds" { # expect: plan/replaces-stateful
  source  = "terraform-aws-modules/rds/aws"
  version = "6.10.0"

  identifier = "orders"
  engine     = "postgres"
}

module "cache" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "1.4.1"

  cluster_id = "sessions"
}
