# deployment → service → db: the deployment's literal decides, two calls down.
module "orders" {
  source  = "./modules/service"
  name    = "orders"
  encrypt = false # expect: encryption/at-rest
}

module "billing" {
  source  = "./modules/service"
  name    = "billing"
  encrypt = true
}
