resource "aws_kinesis_stream" "clicks" { # expect: encryption/kinesis-stream[warning]
  name        = "clicks"
  shard_count = 1
}
