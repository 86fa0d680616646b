resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      DATABASE_URL = "postgresql://api:${var.db_password}@${aws_db_instance.main.address}:5432/api?sslmode=require"
      PGSSLMODE    = "require"
    }
  }
}
