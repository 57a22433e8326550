resource "google_compute_project_metadata_item" "serial" {
  key   = "serial-port-enable"
  value = "1" # expect: network/gce-serial-port
}
