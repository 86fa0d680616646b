import os

from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg2://app:{}@/app?host=/cloudsql/my-project:us-central1:main".format(os.environ["DB_PASS"])
)
