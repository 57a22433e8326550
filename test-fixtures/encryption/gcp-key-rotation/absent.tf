resource "google_kms_crypto_key" "data" { # expect: encryption/gcp-key-rotation[warning]
  name     = "data"
  key_ring = "projects/proj/locations/europe-west1/keyRings/app"
}
