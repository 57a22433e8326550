# Serverless collections are always encrypted: another resource, not in scope.
resource "aws_opensearchserverless_collection" "c" {
  name = "c"
}
