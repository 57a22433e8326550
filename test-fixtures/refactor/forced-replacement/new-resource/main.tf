resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_db_instance" "reports" {
  identifier        = "reports"
  storage_encrypted = true
}
