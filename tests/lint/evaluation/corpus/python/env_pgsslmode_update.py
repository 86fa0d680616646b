import os

os.environ.update(
    PGHOST="pg.example.com",
    PGDATABASE="app",
    PGSSLMODE="allow",
)
