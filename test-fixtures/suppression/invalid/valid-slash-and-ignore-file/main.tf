// Scaffolded by the old module generator; names are fixed by downstream remote state.
// iac-review:ignore-file naming/identifier-format -- names are referenced by other stacks' remote state
resource "aws_s3_bucket" "AppLogs" {
  bucket = "app-logs"
}

variable "LogRetention" {
  type = number
}
