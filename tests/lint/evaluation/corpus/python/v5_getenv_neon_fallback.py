import os

from sqlalchemy import create_engine, text

DATABASE_URL = os.getenv(
    "DATABASE_URL",
    "postgresql://neondb_owner:npg_pass@ep-late-bird-a1b2.us-east-1.aws.neon.tech/neondb?sslmode=require",
)
engine = create_engine(DATABASE_URL)

with engine.connect() as conn:
    print(conn.execute(text("SELECT 1")).scalar())
