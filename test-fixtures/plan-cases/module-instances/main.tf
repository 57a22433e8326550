# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
# A local module: one for_each instance's bucket is replaced (reported on the module's block, naming the instance);
# the archive call now has count = 0, so its bucket is destroyed (reported on that module block).
module "store" {
  source   = "./modules/store"
  for_each = toset(["images", "videos"])
  name     = each.key
}

module "archive" { # expect: plan/destroys-stateful
  source = "./modules/store"
  count  = 0
  name   = "archive"
}
