resource "azurerm_mysql_firewall_rule" "all" {
  name                = "all"
  resource_group_name = "rg"
  server_name         = "mysql"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255" # expect: network/database-firewall-open
}
