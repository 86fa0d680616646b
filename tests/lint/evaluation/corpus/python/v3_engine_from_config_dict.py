from sqlalchemy import engine_from_config

config = {
    "sqlalchemy.url": "postgresql://app@db.example.com/app",
    "sqlalchemy.pool_pre_ping": True,
}
engine = engine_from_config(config, prefix="sqlalchemy.")
