import os

import psycopg2
from psycopg2.extras import DictCursor

DATABASE_URL = os.environ.get("DATABASE_URL")


class Store:
    def __init__(self):
        url = DATABASE_URL
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        self.conn = psycopg2.connect(url, sslmode=os.environ.get("PGSSLMODE", "require"), cursor_factory=DictCursor)
