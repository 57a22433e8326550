resource "azurerm_role_assignment" "rg_owner" {
  scope                = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/app-rg"
  role_definition_name = "Owner"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}

resource "azurerm_role_assignment" "reader" {
  scope                = "/subscriptions/11111111-2222-3333-4444-555555555555"
  role_definition_name = "Reader"
  principal_id         = "00000000-0000-0000-0000-000000000002"
}
