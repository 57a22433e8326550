variable "encrypt" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_workspaces_workspace" "main" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "main"
  root_volume_encryption_enabled = var.encrypt
  user_volume_encryption_enabled = var.encrypt
}
