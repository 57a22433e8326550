resource "aws_workspaces_workspace" "alice" {
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "alice"
  volume_encryption_key          = "alias/aws/workspaces"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
}
