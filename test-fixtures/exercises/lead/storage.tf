resource "aws_s3_bucket" "invoice_archive" {
  bucket = "acme-orders-invoices"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoice_archive.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "invoices" {
  bucket = aws_s3_bucket.invoice_archive.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Sid       = "InvoiceLinksInEmails"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.invoice_archive.arn}/*"
    }]
  })
}
