variable "ssh_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "enable_rdp" {
  type    = bool
  default = false
}
