tags = {
  Owner       = "ops"
  Environment = "prod"
  CostCenter  = "cc-9"
}

extra_tags = {
  Owner       = "ops"
  Environment = "prod"
}
