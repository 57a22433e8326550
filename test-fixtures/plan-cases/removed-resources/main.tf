# aws_db_instance.legacy's block was deleted: reported here, on line 1. # expect: plan/destroys-stateful
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
# Two stateful resources leave the code: one through a `removed` block that still destroys it, one by deleting its
# block (reported on the first line of the module's first file: its block is gone). A role deleted is not stateful.
removed { # expect: plan/destroys-stateful
  from = aws_s3_bucket.invoices

  lifecycle {
    destroy = true
  }
}

removed {
  from = aws_dynamodb_table.sessions

  lifecycle {
    destroy = false
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
