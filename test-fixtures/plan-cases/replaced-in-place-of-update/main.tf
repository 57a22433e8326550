# fixture-rules: plan/replaces-stateful, plan/destroys-stateful
# The database's identifier changed (forces a new database, created first: create_before_destroy); the instance
# class changed in place; the launch template is replaced but holds no data.
resource "aws_db_instance" "orders" { # expect: plan/replaces-stateful
  identifier     = "orders-v2"
  engine         = "postgres"
  instance_class = "db.t3.medium"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "reports" {
  identifier     = "reports"
  engine         = "postgres"
  instance_class = "db.t3.large"
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  image_id    = "ami-0abcdef1234567890"
}
