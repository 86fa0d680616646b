from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+pg8000://etl:etl@etl-db.example.com/etl",
    connect_args={"ssl_context": True},
)
