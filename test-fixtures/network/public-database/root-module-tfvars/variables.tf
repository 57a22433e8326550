variable "expose_database" {
  type    = bool
  default = false
}
