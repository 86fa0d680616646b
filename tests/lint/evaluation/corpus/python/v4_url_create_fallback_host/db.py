import os

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

REPORTS_URL = URL.create(
    "postgresql+psycopg",
    username=os.getenv("REPORTS_USER", "reports"),
    password=os.getenv("REPORTS_PASSWORD"),
    host=os.getenv("REPORTS_HOST", "reports.example.com"),
    port=5432,
    database="reports",
)
reports_engine = create_engine(REPORTS_URL, pool_pre_ping=True)
