from sqlalchemy import engine_from_config

config = {
    "sqlalchemy.url": "postgresql://reports:reports@reports.example.com:5432/reports",
    "sqlalchemy.pool_size": "5",
    "sqlalchemy.echo": "false",
}

engine = engine_from_config(config, prefix="sqlalchemy.")
