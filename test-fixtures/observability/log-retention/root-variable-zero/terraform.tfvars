retention_in_days = 0
