# The special "allow Azure services" rule is not the internet.
resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "azure"
  server_id        = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Sql/servers/sql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
