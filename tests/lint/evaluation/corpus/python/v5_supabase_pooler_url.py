from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

DATABASE_URL = "postgresql://postgres.abcdefghijkl:password@aws-0-us-east-1.pooler.supabase.com:6543/postgres"

engine = create_engine(DATABASE_URL, poolclass=NullPool)
