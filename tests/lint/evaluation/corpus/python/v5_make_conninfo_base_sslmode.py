import os

import psycopg
from psycopg.conninfo import make_conninfo

conninfo = make_conninfo(os.environ["DATABASE_URL"], sslmode="require", application_name="jobs")
pool_conn = psycopg.connect(conninfo)
