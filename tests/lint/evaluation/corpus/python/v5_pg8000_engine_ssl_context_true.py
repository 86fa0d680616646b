from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+pg8000://app@pg.example.com/app",
    connect_args={"ssl_context": True},
)
