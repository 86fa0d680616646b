from psycopg_pool import ConnectionPool

CONNINFO = "host=db.example.com dbname=app"
pool = ConnectionPool(CONNINFO, kwargs=dict(sslmode="verify-full", sslrootcert="system"), open=False)
