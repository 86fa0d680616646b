from sqlalchemy import URL, create_engine

from .config import DB_PASSWORD

SSL_QUERY = {"sslmode": "verify-ca", "sslrootcert": "/etc/ssl/certs/rds-ca.pem"}

engine = create_engine(
    URL.create(
        drivername="postgresql+psycopg",
        username="reporting",
        password=DB_PASSWORD,
        host="reporting.c9abc.us-east-1.rds.amazonaws.com",
        database="reporting",
        query=SSL_QUERY,
    )
)
