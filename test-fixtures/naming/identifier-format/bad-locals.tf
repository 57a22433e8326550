locals {
  common_tags = { Owner = "platform" }
  appName     = "billing" # expect: naming/identifier-format
}

locals {
  Environment = "prod" # expect: naming/identifier-format
}
