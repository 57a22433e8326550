variable "internet" {
  default = "Disabled"
}

# The caller decides: the checklist asks a human.
resource "aws_sagemaker_notebook_instance" "main" {
  name                   = "main"
  role_arn               = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type          = "ml.t3.medium"
  direct_internet_access = var.internet
}
