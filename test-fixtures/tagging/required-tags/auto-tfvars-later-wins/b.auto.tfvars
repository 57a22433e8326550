# Loaded last (lexical order): this value wins, and it lacks CostCenter.
tags = {
  Owner       = "ops"
  Environment = "staging"
}
