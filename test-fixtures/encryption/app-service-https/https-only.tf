resource "azurerm_linux_web_app" "api" {
  name                = "api"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = true

  site_config {}
}

resource "azurerm_linux_function_app" "jobs" {
  name                = "jobs"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = "true"

  site_config {}
}
