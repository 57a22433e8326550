module "reader" {
  source  = "./modules/policy"
  name    = "reader"
  actions = ["s3:GetObjct"] # expect: iam/unknown-action
}

module "writer" {
  source  = "./modules/policy"
  name    = "writer"
  actions = ["s3:PutObject"]
}
