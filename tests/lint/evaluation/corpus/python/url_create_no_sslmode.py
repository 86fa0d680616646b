import os

from sqlalchemy import URL, create_engine

analytics_url = URL.create(
    drivername="postgresql+psycopg",
    username="reporter",
    password=os.environ.get("ANALYTICS_PASSWORD"),
    host="analytics.example.org",
    database="warehouse",
)
analytics_engine = create_engine(analytics_url)
