import os
from urllib.parse import quote_plus

from sqlalchemy import create_engine

USER = "neondb_owner"
PASSWORD = quote_plus(os.environ["NEON_PASSWORD"])

engine = create_engine(f"postgresql+psycopg2://{USER}:{PASSWORD}@ep-broad-leaf-a4b5.us-east-2.aws.neon.tech/neondb")
