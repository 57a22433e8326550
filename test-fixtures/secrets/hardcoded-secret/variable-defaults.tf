variable "db_password" {
  type    = string
  default = "default-pw" # expect: secrets/hardcoded-secret
}

variable "signing" {
  type      = string
  sensitive = true
  default   = "sensitive-default" # expect: secrets/hardcoded-secret
}

variable "admin" {
  type = object({ user = string, password = string })
  default = {
    user     = "admin"
    password = "in-an-object-default" # expect: secrets/hardcoded-secret
  }
}

variable "password_length" {
  type    = number
  default = 24
}

variable "token_ttl" {
  type    = string
  default = "1h"
}

variable "api_key_secret_arn" {
  type    = string
  default = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api"
}

variable "optional_password" {
  type      = string
  sensitive = true
  default   = ""
}

variable "manage_master_user_password" {
  type    = bool
  default = true
}
