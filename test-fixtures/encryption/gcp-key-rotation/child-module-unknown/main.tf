variable "rotation_period" {
  default = null
}

# The caller decides: the checklist asks a human.
resource "google_kms_crypto_key" "main" {
  name            = "main"
  key_ring        = "projects/proj/locations/europe-west1/keyRings/app"
  rotation_period = var.rotation_period
}
