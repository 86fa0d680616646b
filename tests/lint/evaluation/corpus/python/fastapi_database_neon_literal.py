from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

# TODO move to env before launch
SQLALCHEMY_DATABASE_URL = "postgresql://neondb_owner:npg_not_a_secret@ep-rapid-moon-a5b7c9d1-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"

engine = create_engine(SQLALCHEMY_DATABASE_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)
