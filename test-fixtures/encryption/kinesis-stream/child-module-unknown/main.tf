variable "encryption_type" {
  default = "KMS"
}

# The caller decides: the checklist asks a human.
resource "aws_kinesis_stream" "main" {
  name            = "main"
  shard_count     = 1
  encryption_type = var.encryption_type
}
