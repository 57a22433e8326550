# Both old databases are gone and one new one appears with a changed body: which
# one it replaces cannot be known, so the finding names both and offers no fix.
resource "aws_db_instance" "orders" { # expect: refactor/missing-moved-block
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.large"
}
