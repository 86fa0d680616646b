from sqlalchemy import create_engine

NEON_URL = "postgresql+psycopg://app@ep-dark-sky-9900.us-east-2.aws.neon.tech/neondb?sslmode=require"

engine = create_engine(
    NEON_URL,
    connect_args={"sslmode": "verify-full", "sslrootcert": "system"},
    pool_pre_ping=True,
)
