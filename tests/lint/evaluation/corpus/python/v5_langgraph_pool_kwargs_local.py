from langgraph.checkpoint.postgres import PostgresSaver
from psycopg import Connection
from psycopg_pool import ConnectionPool

DB_URI = "postgresql://admin:test1234@localhost:5432/lg_dev?sslmode=disable"
connection_kwargs = {"autocommit": True, "prepare_threshold": 0}
pool = ConnectionPool(DB_URI, min_size=1, max_size=10, kwargs=connection_kwargs)


def get_checkpointer():
    with Connection.connect(DB_URI, **connection_kwargs) as conn:
        checkpointer = PostgresSaver(conn)
        checkpointer.setup()
        return checkpointer
