import psycopg

PRIMARY_URL = (
    "postgresql://app@pg-1.example.com:5432,pg-2.example.com:5432/app"
    "?target_session_attrs=read-write&connect_timeout=5"
)


def writer() -> psycopg.Connection:
    return psycopg.connect(PRIMARY_URL)
