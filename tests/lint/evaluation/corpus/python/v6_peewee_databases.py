from playhouse.pool import PooledPostgresqlExtDatabase
from peewee import PostgresqlDatabase

legacy_db = PostgresqlDatabase("legacy", user="legacy", password="legacy", host="legacy.example.com", sslmode="require")

db = PooledPostgresqlExtDatabase(
    "app",
    max_connections=20,
    stale_timeout=300,
    user="app",
    host="app-db.example.com",
)
