resource "aws_sagemaker_notebook_instance" "analysis" {
  name          = "analysis"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  direct_internet_access = "Enabled" # expect: network/notebook-internet-access
}
