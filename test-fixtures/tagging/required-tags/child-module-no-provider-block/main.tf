# Child module: the callers' provider default_tags may add the missing keys.
resource "aws_kinesis_stream" "events" {
  name        = "events"
  shard_count = 1
  tags = {
    Owner = "events"
  }
}
