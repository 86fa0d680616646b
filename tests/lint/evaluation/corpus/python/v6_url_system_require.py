from sqlalchemy import create_engine

URL = "postgresql+psycopg2://app:app@db.example.com/app?sslmode=require&sslrootcert=system"

engine = create_engine(URL)
