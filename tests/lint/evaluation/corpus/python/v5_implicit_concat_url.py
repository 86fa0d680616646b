from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg://reporting@reports.example.com:5432/reports"
    "?sslmode=require&application_name=dashboards"
)
