import os

os.environ.setdefault("DATABASE_URL", "postgresql://app:app@db.example.com:5432/app?sslmode=require")
