from alembic import context

config = context.config
config.set_main_option("sqlalchemy.url", "postgresql://migrator@db.example.com/app?sslmode=prefer")
