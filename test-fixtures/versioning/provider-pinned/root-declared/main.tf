provider "aws" {
  region = "eu-west-1"
}

provider "datadog" {}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-${random_id.suffix.hex}"
}

resource "datadog_monitor" "errors" {
  name    = "errors"
  type    = "metric alert"
  query   = "avg(last_5m):sum:app.errors{*} > 10"
  message = "Too many errors"
}
