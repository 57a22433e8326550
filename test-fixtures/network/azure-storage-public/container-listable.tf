resource "azurerm_storage_container" "files" {
  name                  = "files"
  storage_account_id    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/examplestorage"
  container_access_type = "container" # expect: network/azure-storage-public
}
