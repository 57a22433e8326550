locals {
  service = "s3"
}

output "storage_actions" {
  value = ["${local.service}:*"]
}

output "read_actions" {
  value = ["${local.service}:GetObject", "${local.service}:ListBucket"]
}
