# Keys and secrets inherit their vault's protection.
resource "azurerm_key_vault_secret" "db" {
  name         = "db-password"
  value        = random_password.db.result
  key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/app-kv"
}

resource "random_password" "db" {
  length = 32
}
