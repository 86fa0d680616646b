from playhouse.pool import PooledPostgresqlExtDatabase

db = PooledPostgresqlExtDatabase(
    "metrics",
    user="metrics",
    host="metrics-db.example.com",
    max_connections=8,
    stale_timeout=300,
)
