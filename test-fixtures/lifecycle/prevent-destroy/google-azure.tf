resource "google_storage_bucket" "exports" { # expect: lifecycle/prevent-destroy
  name     = "acme-exports"
  location = "EU"
}

resource "azurerm_key_vault" "main" {
  name                = "acme-main"
  location            = "westeurope"
  resource_group_name = "platform"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_storage_account" "logs" { # expect: lifecycle/prevent-destroy
  name                     = "acmelogs"
  resource_group_name      = "platform"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
