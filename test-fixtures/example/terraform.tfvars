environment = "prod"
db_password = "s3cr3t-Passw0rd!"
