# Arguments named for ciphertext, digests and version markers hold no secret; the close cases do.
module "app" {
  source = "./app"

  encrypted_password     = "wcFMA0h2…ciphertext"
  admin_password_hash    = "$2y$10$abcdefghijklmnopqrstuv"
  hashed_password        = "$2y$10$abcdefghijklmnopqrstuv"
  deploy_key_fingerprint = "SHA256:abcdefghijklmnop"
  version_token          = "v-0001"

  admin_password        = "hunter2-but-longer" # expect: secrets/hardcoded-secret
  version_control_token = "ghp_notreallyatoken" # expect: secrets/hardcoded-secret
}
