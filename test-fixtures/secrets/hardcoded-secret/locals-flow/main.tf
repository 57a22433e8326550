# The literals are written in locals.tf: that is where they are reported, not here.
resource "random_password" "admin" {
  length = 32
}

resource "aws_db_instance" "a" {
  identifier = "a"
  password   = local.db_password
}

resource "aws_db_instance" "b" {
  identifier = "b"
  password   = local.admin_login
}

resource "aws_db_instance" "c" {
  identifier = "c"
  password   = local.generated
}

resource "datadog_api_key" "d" {
  name    = "d"
  api_key = local.creds.api
}

resource "aws_instance" "e" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
  key_name      = local.key_name
}
