# Asymmetric and imported keys cannot rotate automatically.
resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = "projects/proj/locations/europe-west1/keyRings/app"
  purpose = "ASYMMETRIC_SIGN"

  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}

resource "google_kms_crypto_key" "imported" {
  name     = "imported"
  key_ring = "projects/proj/locations/europe-west1/keyRings/app"
  import_only                   = true
  skip_initial_version_creation = true
}
