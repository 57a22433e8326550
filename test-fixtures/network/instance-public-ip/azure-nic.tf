resource "azurerm_public_ip" "vm" {
  name                = "vm"
  resource_group_name = "rg"
  location            = "westeurope"
  allocation_method   = "Static"
}

resource "azurerm_network_interface" "vm" {
  name                = "vm"
  resource_group_name = "rg"
  location            = "westeurope"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.vm.id # expect: network/instance-public-ip
  }
}
