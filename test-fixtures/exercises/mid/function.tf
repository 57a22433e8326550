resource "aws_iam_role" "worker" {
  name = "payments-worker-${var.environment}"

  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "worker" {
  name = "payments-worker"
  role = aws_iam_role.worker.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "sqs:*"
        Resource = aws_sqs_queue.events.arn
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.payments.arn
      },
    ]
  })
}

module "worker" {
  source = "terraform-aws-modules/lambda/aws"

  function_name = "payments-worker-${var.environment}"
  handler       = "app.handler"
  runtime       = "python3.12"
  source_path   = "${path.module}/src"
  create_role   = false
  lambda_role   = aws_iam_role.worker.arn

  environment_variables = {
    TABLE_NAME = aws_dynamodb_table.payments.name
    PSP_URL    = "https://api.psp.example.com"
  }

  cloudwatch_logs_retention_in_days = 90
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn = aws_sqs_queue.events.arn
  function_name    = module.worker.lambda_function_arn
  batch_size       = 10
}

resource "aws_ssm_parameter" "psp_api_key" {
  name   = "/payments/${var.environment}/psp-api-key"
  type   = "SecureString"
  value  = var.psp_api_key
  key_id = aws_kms_key.payments.arn
}
