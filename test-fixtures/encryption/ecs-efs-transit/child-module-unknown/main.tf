variable "transit" {
  default = "ENABLED"
}

# The caller decides: the checklist asks a human.
resource "aws_ecs_task_definition" "main" {
  family                = "main"
  container_definitions = jsonencode([{ name = "app", image = "app:1", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = var.transit
    }
  }
}
