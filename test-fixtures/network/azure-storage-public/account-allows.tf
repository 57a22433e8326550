resource "azurerm_storage_account" "main" {
  name                            = "examplestorage"
  resource_group_name             = "rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  allow_nested_items_to_be_public = true # expect: network/azure-storage-public
}
