resource "azurerm_storage_account" "examplestorage" {
  name                     = "examplestorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  https_traffic_only_enabled = false # expect: encryption/azure-https-only[warning]
}
