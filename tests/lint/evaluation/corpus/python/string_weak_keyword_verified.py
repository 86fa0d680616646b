from sqlalchemy import create_engine

URL = "postgresql://app@db.example.com/app?sslmode=require"
engine = create_engine(URL, connect_args={"sslmode": "verify-full", "sslrootcert": "system"})
