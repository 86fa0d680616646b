import ssl

from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+pg8000://app:secret@pg.example.com/app",
    connect_args={"ssl_context": ssl.create_default_context()},
)
