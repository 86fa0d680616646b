import os

# DATABASE_URL = "postgresql://app@db.example.com/app?sslmode=require"
# DATABASE_URL = "postgresql://app@old-db.example.com/app"
DATABASE_URL = os.environ["DATABASE_URL"]  # e.g. postgresql://app@db.example.com/app?sslmode=disable
