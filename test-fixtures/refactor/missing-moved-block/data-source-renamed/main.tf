# Data sources hold no state to lose: renaming one is harmless.
data "aws_caller_identity" "this" {}
