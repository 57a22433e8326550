# A database port opened to the internet through module arguments; the finding
# goes on the first argument the rule's decision reads (the port, then the ranges).
module "db_sg" {
  source = "./modules/sg"
  name   = "db"
  port   = 5432 # expect: network/open-ingress
  cidrs  = ["0.0.0.0/0"]
}

# The same module, private range: nothing to report.
module "app_sg" {
  source = "./modules/sg"
  name   = "app"
  port   = 5432
  cidrs  = ["10.0.0.0/8"]
}
