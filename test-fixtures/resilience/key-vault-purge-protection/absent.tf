resource "azurerm_key_vault" "app-kv" { # expect: resilience/key-vault-purge-protection[warning]
  name                = "app-kv"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
