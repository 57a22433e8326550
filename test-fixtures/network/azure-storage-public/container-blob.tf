resource "azurerm_storage_container" "assets" {
  name                  = "assets"
  storage_account_name  = "examplestorage"
  container_access_type = "blob" # expect: network/azure-storage-public[error]
}
