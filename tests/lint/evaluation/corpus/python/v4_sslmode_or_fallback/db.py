import os

from psycopg.conninfo import make_conninfo

sslmode = os.environ.get("PGSSLMODE") or "require"
conninfo = make_conninfo(os.environ["DATABASE_URL"], sslmode=sslmode, application_name="scheduler")
