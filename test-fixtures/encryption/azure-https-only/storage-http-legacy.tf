resource "azurerm_storage_account" "legacystorage" {
  name                     = "legacystorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  enable_https_traffic_only = "false" # expect: encryption/azure-https-only
}
