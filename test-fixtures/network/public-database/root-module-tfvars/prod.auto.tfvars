expose_database = true
