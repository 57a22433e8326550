resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "app:1", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"

      authorization_config {
        iam = "ENABLED"
      }
    }
  }
}
