variable "name" {
  type = string
}

variable "port" {
  type    = number
  default = 22
}

variable "allowed_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "extra_rules" {
  type    = list(object({ port = number }))
  default = []
}

variable "enable_ssh" {
  type    = bool
  default = true
}
