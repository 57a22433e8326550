resource "aws_iam_policy" "read" {
  name   = "read-only"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "${aws_s3_bucket.logs.arn}/*"
    }
  ]
}
EOT
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = var.instance_type
  user_data     = <<-SCRIPT
    #!/bin/bash
    echo "Hello from ${var.environment}"
    %{ for pkg in var.packages ~}
    yum install -y ${pkg}
    %{ endfor ~}
      indented line
    %{ if var.debug }set -x%{ else }set +x%{ endif }
  SCRIPT

  tags = {
    Name    = "web-${var.environment}"
    Escaped = "literal $${not_interpolated} and %%{not_a_directive}"
    Strip   = "a ${~ var.x ~} b"
    Dollar  = "costs $5 and 100%"
    Empty   = ""
    Unicode = "Zürich → 東京 🚀"
  }
}

locals {
  greeting = "Hello, %{ if var.name != "" }${var.name}%{ else }stranger%{ endif }!"
  lines    = <<EOT
plain heredoc keeps    spacing
  and indentation
EOT
  nested   = "outer ${join(",", [for s in var.list : "in-${s}"])} end"
  object_keys = {
    (var.dynamic_key) = "v1"
    "quoted key"      = "v2"
    bare_key          = "v3"
    colon_key : "v4"
  }
}
