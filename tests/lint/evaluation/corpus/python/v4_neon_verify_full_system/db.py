import psycopg

NEON_URL = (
    "postgresql://app_owner:pw@ep-cold-block-a1b2c3-pooler.us-east-2.aws.neon.tech/app"
    "?sslmode=verify-full&sslrootcert=system&channel_binding=require"
)


def connect() -> psycopg.Connection:
    return psycopg.connect(NEON_URL, connect_timeout=10)
