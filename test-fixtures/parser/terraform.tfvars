region      = "eu-west-1"
environment = "prod"
project     = "demo"
tags = {
  Owner = "team-a" # trailing comment
}
ingress_rules = [
  { port = 443, cidrs = ["0.0.0.0/0"] },
]
