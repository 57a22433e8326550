resource "aws_kinesis_stream" "clicks" {
  name            = "clicks"
  shard_count     = 1
  encryption_type = "NONE" # expect: encryption/kinesis-stream
}
