# Passing: names that are about a secret, not the secret itself.
resource "aws_iam_user_login_profile" "u" {
  user                    = "u"
  password_length         = 20
  password_reset_required = true
}

resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
  key_name      = "deployer"
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db"
  kms_key_id = "alias/secrets"
  tags = {
    Secret = "yes"
  }
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = ""
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared-fs"
}

resource "aws_db_instance" "db" {
  identifier                          = "db"
  iam_database_authentication_enabled = true
  master_user_secret_kms_key_id       = "alias/db"
}

resource "google_secret_manager_secret_version" "v" {
  secret      = "projects/acme/secrets/db-password"
  secret_data = random_password.gcp.result
}

resource "random_password" "gcp" {
  length = 24
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx:1.27"
    secrets = [
      { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" },
    ]
  }])
}

resource "aws_cognito_user_pool_client" "web" {
  name            = "web"
  user_pool_id    = "eu-west-1_abc"
  generate_secret = true
}

resource "aws_iam_access_key" "ci" {
  user = "ci"
}

resource "kubernetes_pod" "p" {
  metadata {
    name = "p"
  }
  spec {
    container {
      name  = "p"
      image = "nginx:1.27"
      env {
        name = "DB_PASSWORD"
        value_from {
          secret_key_ref {
            name = "db"
            key  = "password"
          }
        }
      }
    }
    image_pull_secrets {
      name = "registry"
    }
  }
}
