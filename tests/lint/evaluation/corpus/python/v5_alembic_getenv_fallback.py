import os

from alembic import context

config = context.config
config.set_main_option(
    "sqlalchemy.url",
    os.environ.get("DATABASE_URL", "postgresql://migrate@db.example.com/app?sslmode=prefer"),
)
