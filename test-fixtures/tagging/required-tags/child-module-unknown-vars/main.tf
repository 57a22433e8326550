# A reusable module: no backend, no configured provider. Callers decide var.tags
# and the provider's default_tags, so nothing can be proven missing here.
variable "tags" {
  type        = map(string)
  description = "Tags from the caller."
  default     = {}
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
  tags   = var.tags
}

resource "aws_s3_bucket" "more" {
  bucket = "acme-more"
  tags   = merge(var.tags, { Name = "more" })
}
