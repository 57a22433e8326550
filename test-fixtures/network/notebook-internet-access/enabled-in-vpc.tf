# Inside a VPC it still gets a second, SageMaker-managed interface to the internet.
resource "aws_sagemaker_notebook_instance" "analysis" {
  name          = "analysis"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id              = "subnet-0123456789abcdef0"
  security_groups        = ["sg-0123456789abcdef0"]
  direct_internet_access = "Enabled" # expect: network/notebook-internet-access
}
