from playhouse.pool import PooledPostgresqlExtDatabase

from config import DB_HOST, DB_PASSWORD

db = PooledPostgresqlExtDatabase(
    "app",
    host=DB_HOST,
    user="app",
    password=DB_PASSWORD,
    max_connections=8,
    stale_timeout=300,
    sslmode="require",
)
