resource "aws_lambda_function" "report" {
  function_name = "report"
  runtime       = "python3.12"

  environment {
    variables = {
      PGSSLMODE    = "require"
      DATABASE_URL = "postgresql://report@${aws_db_instance.main.address}/app"
    }
  }
}
