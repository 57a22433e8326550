resource "azurerm_kubernetes_cluster" "main" {
  name                = "main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"
  private_cluster_enabled           = true
  local_account_disabled            = true
  role_based_access_control_enabled = false # expect: iam/aks-local-accounts

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
