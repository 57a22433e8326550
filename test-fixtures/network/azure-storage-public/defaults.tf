# Left out: a private container; the account default depends on the provider version.
resource "azurerm_storage_account" "main" {
  name                     = "examplestorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_container" "data" {
  name                 = "data"
  storage_account_name = azurerm_storage_account.main.name
}
