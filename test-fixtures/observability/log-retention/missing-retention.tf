resource "aws_cloudwatch_log_group" "api" { # expect: observability/log-retention[warning]
  name       = "/app/api"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tags = {
    Service = "api"
  }
}

resource "aws_cloudwatch_log_group" "empty" {} # expect: observability/log-retention[warning]

resource "aws_cloudwatch_log_group" "worker" { # expect: observability/log-retention
  # Created by hand in the console first, imported later.
  name = "/app/worker"
}
