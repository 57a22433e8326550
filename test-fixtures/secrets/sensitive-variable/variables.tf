variable "db_password" { # expect: secrets/sensitive-variable[warning]
  type        = string
  description = "Master password of the orders database"
}

variable "api_token" {
  type        = string
  description = "Token for the deploy API"
  sensitive   = false # expect: secrets/sensitive-variable
}

variable "github_token" { type = string } # expect: secrets/sensitive-variable

variable "STRIPE_SECRET_KEY" { # expect: secrets/sensitive-variable
  type = string

  validation {
    condition     = length(var.STRIPE_SECRET_KEY) > 10
    error_message = "Too short."
  }
}

variable "db_password_ok" {
  type      = string
  sensitive = true
}
