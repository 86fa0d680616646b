from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg2://app:secret@app-db.example.com:5432/app",
    connect_args={"options": "-c statement_timeout=5000", "connect_timeout": 10},
)
