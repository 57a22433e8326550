variable "client_secret" {} # expect: secrets/sensitive-variable

# Described above the block; the fix keeps the comment where it is.
variable "dbPassword" { # expect: secrets/sensitive-variable
  description = "Password of the reporting database"
  type        = string
  nullable    = false
}

variable "region" {
  type = string
}
