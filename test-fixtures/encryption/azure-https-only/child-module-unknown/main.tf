variable "https_only" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "azurerm_storage_account" "main" {
  name                       = "main"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = var.https_only
}
