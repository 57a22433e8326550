variable "actions" {
  type    = list(string)
  default = ["*"]
}
