# Stateless resources can be recreated by applying again: nothing to protect.
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.micro"
}

resource "aws_security_group" "web" {
  name = "web"
}

# Data sources read, they never destroy.
data "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
}
