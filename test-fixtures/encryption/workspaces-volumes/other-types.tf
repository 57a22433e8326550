# The directory registration holds no user data.
resource "aws_workspaces_directory" "main" {
  directory_id = "d-1234567890"
}
