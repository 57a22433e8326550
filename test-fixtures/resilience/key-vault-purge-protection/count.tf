locals {
  vaults = ["a", "b"]
}

resource "azurerm_key_vault" "v" {
  count                    = length(local.vaults)
  name                     = "kv-${local.vaults[count.index]}"
  location                 = "westeurope"
  resource_group_name      = "rg"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = "false" # expect: resilience/key-vault-purge-protection
}
