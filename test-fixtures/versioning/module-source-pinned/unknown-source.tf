# Terraform rejects variables in `source`, but if one gets here the value is unknown
# in this child module: the rule decides nothing and lists it for review.
variable "network_module_source" {
  type    = string
  default = "git::https://example.com/network.git?ref=main"
}

module "network" {
  source = var.network_module_source
}
