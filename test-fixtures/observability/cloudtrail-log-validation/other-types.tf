# An event data store (CloudTrail Lake) has no log files to validate.
resource "aws_cloudtrail_event_data_store" "lake" {
  name = "lake"
}
