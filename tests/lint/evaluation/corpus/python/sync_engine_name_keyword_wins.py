from sqlalchemy import create_engine

DATABASE_URL = "postgresql+psycopg://app@db.example.com:5432/app"
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"

engine = create_engine(
    DATABASE_URL,
    connect_args={"sslmode": "verify-full", "sslrootcert": CA_BUNDLE},
    pool_size=5,
)
