data "azurerm_subscription" "current" {}

resource "azurerm_role_assignment" "ci_owner" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner" # expect: iam/privileged-attachment
  principal_id         = "00000000-0000-0000-0000-000000000001"
}

resource "azurerm_role_assignment" "ops_contributor" {
  scope                = "/subscriptions/11111111-2222-3333-4444-555555555555"
  role_definition_name = "Contributor" # expect: iam/privileged-attachment
  principal_id         = "00000000-0000-0000-0000-000000000002"
}

resource "azurerm_role_assignment" "platform_uaa" {
  scope              = "/providers/Microsoft.Management/managementGroups/platform"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35d-4fb5-a5c3-7773c20a72d9" # expect: iam/privileged-attachment
  principal_id       = "00000000-0000-0000-0000-000000000003"
}
