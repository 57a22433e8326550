locals {
  tags = {
    Environment = "qa" # expect: tagging/tag-values
    CostCenter  = "cc-0001"
  }
}
