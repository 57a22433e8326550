module "deployer" {
  source     = "./modules/role"
  name       = "deployer"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # expect: iam/privileged-attachment
}

module "auditor" {
  source     = "./modules/role"
  name       = "auditor"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
