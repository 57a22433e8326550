# Terraform itself only accepts a literal here; if someone writes an
# expression, the checklist asks a human rather than the editor guessing.
variable "protect" {
  type    = bool
  default = true
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true

  lifecycle {
    prevent_destroy = var.protect
  }
}
