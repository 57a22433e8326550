variable "access_type" {
  default = "private"
}

# The caller decides: the checklist asks a human.
resource "azurerm_storage_container" "main" {
  name                  = "main"
  storage_account_name  = "examplestorage"
  container_access_type = var.access_type
}
