import os

import psycopg
from psycopg.conninfo import make_conninfo

BASE = os.environ["DATABASE_URL"]

conninfo = make_conninfo(BASE, sslmode="require", application_name="worker")
conn = psycopg.connect(conninfo)
