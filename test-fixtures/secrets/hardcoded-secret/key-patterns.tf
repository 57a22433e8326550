# Access key ids and private keys are reported in any string, whatever the argument is called.
resource "aws_instance" "legacy" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
  user_data     = <<EOT
#!/bin/bash
export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A # expect: secrets/hardcoded-secret
EOT
}

# (the expect comment inside the heredoc is part of the string; the rule does not mind)
locals {
  deploy_key = <<EOT
# expect: secrets/hardcoded-secret
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACBvTnlFbGV0ZGVtb2tleWZvcnRlc3RzMTIzNDU2Nzg5MDEyMwAAAJg=
-----END OPENSSH PRIVATE KEY-----
EOT
}

resource "aws_ssm_parameter" "note" {
  name  = "/app/note"
  type  = "String"
  value = "rotate AKIA2E0A8F3B244C9986 by friday" # expect: secrets/hardcoded-secret
}
