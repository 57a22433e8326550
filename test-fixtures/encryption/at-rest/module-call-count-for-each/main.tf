# Instances of a counted call: one finding per place, not one per instance.
module "replicas" {
  source            = "./modules/db"
  count             = 2
  name              = "replica-${count.index}"
  storage_encrypted = false # expect: encryption/at-rest
}

# for_each: each element's own value decides.
module "tenants" {
  source   = "./modules/db"
  for_each = { alpha = true, beta = false }
  name     = each.key
  storage_encrypted = each.value # expect: encryption/at-rest
}

# No instance at all: nothing to report.
module "disabled" {
  source            = "./modules/db"
  count             = 0
  name              = "disabled"
  storage_encrypted = false
}
