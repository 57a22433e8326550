resource "aws_launch_template" "workers" {
  name_prefix = "workers-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: iam/imdsv2
  }
}
