resource "google_kms_crypto_key" "data" {
  name     = "data"
  key_ring = "projects/proj/locations/europe-west1/keyRings/app"
  rotation_period = null # expect: encryption/gcp-key-rotation
}
