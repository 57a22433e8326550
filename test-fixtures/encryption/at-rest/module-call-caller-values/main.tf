# The callee leaves encryption to its callers: each caller's value decides,
# and a finding goes on the argument that supplies it.
module "orders_db" {
  source            = "./modules/db"
  name              = "orders"
  storage_encrypted = false # expect: encryption/at-rest
}

# Encrypted: nothing to report.
module "billing_db" {
  source            = "./modules/db"
  name              = "billing"
  storage_encrypted = true
}

# Omitted: the callee's default (false) decides, so the finding goes on the module block.
module "audit_db" { # expect: encryption/at-rest
  source = "./modules/db"
  name   = "audit"
}

# The value passes through a local of the caller: still the caller's argument.
locals {
  encrypt_reports = false
}

module "reports_db" {
  source            = "./modules/db"
  name              = "reports"
  storage_encrypted = local.encrypt_reports # expect: encryption/at-rest
}
