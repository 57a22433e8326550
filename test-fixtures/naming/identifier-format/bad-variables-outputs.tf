variable "instance-type" { # expect: naming/identifier-format
  type = string
}

variable "2nd_zone" { # expect: naming/identifier-format
  type = string
}

output "BucketArn" { # expect: naming/identifier-format
  value = "arn:aws:s3:::logs"
}
