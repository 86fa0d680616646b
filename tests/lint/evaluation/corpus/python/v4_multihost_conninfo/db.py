import psycopg

PRIMARY_AND_STANDBY = (
    "host=pg1.example.com,pg2.example.com port=5432,5432 dbname=app user=app target_session_attrs=read-write"
)


def writer() -> psycopg.Connection:
    return psycopg.connect(PRIMARY_AND_STANDBY, connect_timeout=5)
