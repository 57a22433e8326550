terraform {
  backend "s3" {}
}

resource "aws_instance" "web" { # expect: tagging/required-tags
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "azurerm_resource_group" "main" { # expect: tagging/required-tags
  name     = "rg-main"
  location = "westeurope"
}
