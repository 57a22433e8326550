resource "azurerm_kubernetes_cluster" "main" { # expect: network/aks-public-api
  name                = "main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", "0.0.0.0/0"]
  }

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
