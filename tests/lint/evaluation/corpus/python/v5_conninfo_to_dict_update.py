import os

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

params = conninfo_to_dict(os.environ["DATABASE_URL"])
params.update({"sslmode": "require", "application_name": "exporter"})
conninfo = make_conninfo(**params)

with psycopg.connect(conninfo) as conn:
    conn.execute("COPY (SELECT * FROM orders) TO STDOUT")
