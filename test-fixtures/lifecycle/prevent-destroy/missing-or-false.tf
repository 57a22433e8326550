resource "aws_s3_bucket" "artifacts" { # expect: lifecycle/prevent-destroy[warning]
  bucket = "acme-artifacts"
}

resource "aws_kms_key" "data" {
  description         = "data key"
  enable_key_rotation = true

  lifecycle { # expect: lifecycle/prevent-destroy
    ignore_changes = [description]
  }
}

resource "aws_sqs_queue" "orders" {
  name = "orders"

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false # expect: lifecycle/prevent-destroy
  }
}

# expect: lifecycle/prevent-destroy
resource "aws_ecr_repository" "app" { name = "app" }
