resource "azurerm_app_service" "legacy" {
  name                = "legacy"
  location            = "westeurope"
  resource_group_name = "rg"
  app_service_plan_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = null # expect: encryption/app-service-https
}
