resource "aws_s3_bucket" "invoices" {
  bucket = "acme-orders-invoices"

  lifecycle {
    prevent_destroy = true
  }
}
