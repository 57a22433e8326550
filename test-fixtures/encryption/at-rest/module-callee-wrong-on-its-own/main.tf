# The callee is wrong whatever its callers pass: reported once, in the callee.
module "a" {
  source = "./modules/db"
  name   = "a"
}

module "b" {
  source = "./modules/db"
  name   = "b"
}
