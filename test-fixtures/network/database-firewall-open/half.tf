resource "azurerm_postgresql_flexible_server_firewall_rule" "wide" {
  name             = "wide"
  server_id        = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "127.255.255.255" # expect: network/database-firewall-open
}
