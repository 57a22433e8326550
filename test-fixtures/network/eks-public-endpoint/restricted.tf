resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24", "198.51.100.7/32"]
  }
}
