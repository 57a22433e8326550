resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
    endpoint_public_access = true # expect: network/eks-public-endpoint
    public_access_cidrs    = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}
