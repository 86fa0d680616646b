import os

import sqlalchemy as sa

engine = sa.create_engine(
    sa.engine.URL.create(
        "postgresql+psycopg2",
        username=os.getenv("PGUSER", "etl"),
        password=os.getenv("PGPASSWORD"),
        host=os.getenv("PGHOST", "warehouse.example.com"),
        database=os.getenv("PGDATABASE", "warehouse"),
    )
)
