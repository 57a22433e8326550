variable "https_only" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "azurerm_linux_web_app" "main" {
  name                = "main"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = var.https_only

  site_config {}
}
