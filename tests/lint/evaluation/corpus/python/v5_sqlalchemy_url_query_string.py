from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg2://etl:etl@etl-db.example.com:5432/etl?sslmode=verify-ca&sslrootcert=/certs/ca.pem"
)
