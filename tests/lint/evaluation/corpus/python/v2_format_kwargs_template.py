import psycopg2

from .config import cfg

DB_URL = "postgresql://{user}:{password}@{host}:{port}/{db}".format(**cfg)
conn = psycopg2.connect(DB_URL)
