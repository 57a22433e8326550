resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0" # expect: hardcoded/ami-id[warning]
  instance_type = "t3.micro"
}

resource "aws_launch_template" "legacy" {
  name     = "legacy"
  image_id = "ami-12ab34cd" # expect: hardcoded/ami-id
}

resource "aws_ami_launch_permission" "share" {
  image_id   = "ami-0123456789abcdef0" # expect: hardcoded/ami-id
  account_id = "123456789012"
}

module "bastion" {
  source  = "./modules/bastion"
  ami     = "ami-0fedcba9876543210" # expect: hardcoded/ami-id
  version = "1.0.0"
}
