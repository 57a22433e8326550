resource "azurerm_storage_account" "main" {
  name                     = "examplestorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0" # expect: encryption/tls-minimum-version
}

resource "azurerm_mssql_server" "sql" {
  name                = "sql"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.1" # expect: encryption/tls-minimum-version
}

resource "azurerm_linux_web_app" "api" {
  name                = "api"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  https_only          = true

  site_config {
    minimum_tls_version = "1.0" # expect: encryption/tls-minimum-version
  }
}
