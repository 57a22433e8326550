variable "public_access_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

# The caller decides: the checklist asks a human.
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    public_access_cidrs    = var.public_access_cidrs
  }
}
