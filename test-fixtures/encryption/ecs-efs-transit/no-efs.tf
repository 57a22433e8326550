resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "app:1", essential = true }])

  volume {
    name      = "scratch"
    host_path = "/ecs/scratch"
  }
}

resource "aws_ecs_task_definition" "plain" {
  family                = "plain"
  container_definitions = jsonencode([{ name = "app", image = "app:1", essential = true }])
}
