resource "azurerm_redis_cache" "sessions" {
  name                 = "sessions"
  location             = "westeurope"
  resource_group_name  = "rg"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true # expect: encryption/azure-https-only
}
