environment   = "prod"
instance_type = "t3.medium"
database_url  = "postgresql://app:pw@app-prod.c1a2b3.us-east-1.rds.amazonaws.com:5432/app?sslmode=require"
