locals {
  keys = {
    orders = true
    legacy = false
  }
}

resource "aws_kms_key" "per_service" {
  for_each            = local.keys
  description         = each.key
  enable_key_rotation = each.value # expect: encryption/kms-key-rotation
}

resource "aws_kms_key" "all_rotating" {
  for_each            = toset(["a", "b"])
  description         = each.key
  enable_key_rotation = true
}

resource "aws_kms_key" "none" {
  count       = 0
  description = "not created"
}
