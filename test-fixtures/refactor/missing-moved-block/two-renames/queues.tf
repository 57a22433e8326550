resource "aws_sqs_queue" "job_queue" { # expect: refactor/missing-moved-block
  name = "jobs"
}

resource "aws_sqs_queue" "event_queue" { # expect: refactor/missing-moved-block
  name = "events"
}
