import os

from sqlalchemy import create_engine, event

engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)


@event.listens_for(engine, "do_connect")
def provide_token(dialect, conn_rec, cargs, cparams):
    cparams["password"] = os.environ["DB_TOKEN"]
    cparams["sslmode"] = "require"
