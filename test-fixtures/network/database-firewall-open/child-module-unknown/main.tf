variable "end_ip" {
  default = "0.0.0.0"
}

# The caller decides: the checklist asks a human.
resource "azurerm_mssql_firewall_rule" "main" {
  name             = "main"
  server_id        = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Sql/servers/sql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = var.end_ip
}
