from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg://app:pw@ep-cold-block-a1b2c3.us-east-2.aws.neon.tech/app?sslrootcert=system",
    pool_pre_ping=True,
)
