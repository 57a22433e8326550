variable "enabled" {
  type    = bool
  default = true
}

resource "aws_kinesis_stream" "audit" {
  count           = var.enabled ? 1 : 0
  name            = "audit"
  shard_count     = 2
  encryption_type = "NONE" # expect: encryption/kinesis-stream
}
