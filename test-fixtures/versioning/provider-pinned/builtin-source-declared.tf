# A provider declared with a built-in source ships with Terraform: no version to pin,
# whatever its local name.
terraform {
  required_version = ">= 1.5"
  required_providers {
    tf = {
      source = "terraform.io/builtin/terraform"
    }
    terraform = {
      source = "terraform.io/builtin/terraform"
    }
    # Not built in: without the terraform.io host this is a registry address.
    lookalike = { # expect: versioning/provider-pinned
      source = "builtin/terraform"
    }
  }
}

resource "terraform_data" "with_alias" {
  provider = tf
  input    = "a"
}

resource "terraform_data" "plain" {
  input = "b"
}

resource "terraform_data" "lookalike" {
  provider = lookalike
  input    = "c"
}
