resource "aws_db_instance" "reporting" {
  identifier = "reporting"
  password   = var.dbPassword
}

resource "azuread_application_password" "app" {
  application_id = "app"
  display_name   = var.client_secret == null ? "generated" : "given"
}
