resource "azurerm_linux_web_app" "api" { # expect: encryption/app-service-https[warning]
  name                = "api"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"

  site_config {}
}
