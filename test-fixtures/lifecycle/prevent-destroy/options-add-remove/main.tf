resource "aws_ssm_parameter" "api_url" { # expect: lifecycle/prevent-destroy
  name  = "/app/api-url"
  type  = "String"
  value = "https://api.example.com"
}

# Removed from the list by this folder's configuration.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
