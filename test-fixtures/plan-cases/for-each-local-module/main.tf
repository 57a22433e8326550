# fixture-rules: network/public-database
# A local module called with for_each over an input: the code knows neither the keys nor the values; the plan
# knows both. Only the instance the plan makes public is reported, on the argument that passes the value, naming the instance.
variable "databases" {
  type = map(object({ public = bool }))
}

module "db" {
  source   = "./modules/db"
  for_each = var.databases
  name     = each.key
  public   = each.value.public # expect: network/public-database
}
