resource "azurerm_windows_function_app" "jobs" {
  name                = "jobs"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = false # expect: encryption/app-service-https

  site_config {}
}
