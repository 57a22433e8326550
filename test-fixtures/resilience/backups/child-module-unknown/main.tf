variable "skip_final_snapshot" {
  type    = bool
  default = false
}

variable "point_in_time_recovery" {
  type    = bool
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  skip_final_snapshot = var.skip_final_snapshot
}

resource "aws_dynamodb_table" "main" {
  name         = "main"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  dynamic "point_in_time_recovery" {
    for_each = var.point_in_time_recovery ? [1] : []
    content {
      enabled = true
    }
  }
}

resource "aws_dynamodb_table" "flag" {
  name         = "flag"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }
}
