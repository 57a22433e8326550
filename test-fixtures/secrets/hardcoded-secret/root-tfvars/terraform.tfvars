environment    = "prod"
db_password    = "tfvars-secret" # expect: secrets/hardcoded-secret
api_credential = "sensitive-by-declaration" # expect: secrets/hardcoded-secret
bootstrap      = "flows-into-password" # expect: secrets/hardcoded-secret
