module "bucket" {
  source = "../.."
  name   = "demo"
}

# An example's own stateful resource is throw-away demo code: not asked for either.
resource "aws_sqs_queue" "demo" {
  name = "demo"
}
