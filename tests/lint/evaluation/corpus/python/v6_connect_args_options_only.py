from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DB_URL = "postgresql+psycopg2://app:app@app-db.example.com:5432/app"

engine = create_engine(DB_URL, connect_args={"options": "-c timezone=utc", "connect_timeout": 10})
Session = sessionmaker(bind=engine)
