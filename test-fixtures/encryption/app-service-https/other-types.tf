# The plan is not an app.
resource "azurerm_service_plan" "plan" {
  name                = "plan"
  resource_group_name = "rg"
  location            = "westeurope"
  os_type             = "Linux"
  sku_name            = "P1v3"
}
