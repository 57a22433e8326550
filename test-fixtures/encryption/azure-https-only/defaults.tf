resource "azurerm_storage_account" "examplestorage" {
  name                     = "examplestorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_redis_cache" "sessions" {
  name                = "sessions"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}
