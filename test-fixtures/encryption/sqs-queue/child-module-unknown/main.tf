variable "sse" {
  default = false
}

# The caller decides: the checklist asks a human.
resource "aws_sqs_queue" "main" {
  name                    = "main"
  sqs_managed_sse_enabled = var.sse
}
