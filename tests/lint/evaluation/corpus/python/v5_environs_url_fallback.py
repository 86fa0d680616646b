from environs import Env
from sqlalchemy import create_engine

env = Env()
env.read_env()

DATABASE_URL = env.str("DATABASE_URL", "postgres://app@db.staging.example.com/app")
ECHO_SQL = env.bool("ECHO_SQL", False)

engine = create_engine(DATABASE_URL, echo=ECHO_SQL)
