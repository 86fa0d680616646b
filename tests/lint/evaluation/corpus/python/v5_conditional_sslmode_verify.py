import os

import psycopg2

ENVIRONMENT = os.getenv("ENVIRONMENT", "development")
sslmode = "verify-full" if ENVIRONMENT == "production" else "disable"


def connect():
    return psycopg2.connect(os.environ["DATABASE_URL"], sslmode=sslmode, sslrootcert="system")
