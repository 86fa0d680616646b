from playhouse.pool import PooledPostgresqlExtDatabase

db = PooledPostgresqlExtDatabase(
    "tracker",
    host="tracker-db.example.com",
    user="tracker",
    max_connections=8,
    stale_timeout=300,
    sslmode="prefer",
)
