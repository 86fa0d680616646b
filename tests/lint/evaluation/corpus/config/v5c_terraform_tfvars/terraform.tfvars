region       = "eu-west-1"
database_url = "postgresql://app@db.example.com/app?sslmode=require"
