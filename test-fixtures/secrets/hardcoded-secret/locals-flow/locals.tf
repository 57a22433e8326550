locals {
  db_password    = "from-a-local" # expect: secrets/hardcoded-secret
  admin_login    = "not-secret-named-but-used-as-one" # expect: secrets/hardcoded-secret
  creds          = { api = "nested-in-a-map" } # expect: secrets/hardcoded-secret
  generated      = random_password.admin.result
  password_hint  = ""
  key_name       = "deployer"
  secret_name    = "prod/db"
  password_chars = 32
}
