import os

from playhouse.db_url import connect

db = connect(os.environ.get("DATABASE_URL") or "postgresql://app@pg.example.com:5432/app")
