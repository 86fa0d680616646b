import psycopg2
from airflow.hooks.base import BaseHook


def get_connection(conn_id: str = "analytics_db"):
    conn = BaseHook.get_connection(conn_id)
    return psycopg2.connect(
        host=conn.host,
        port=conn.port,
        dbname=conn.schema,
        user=conn.login,
        password=conn.password,
        sslmode=conn.extra_dejson.get("sslmode", "prefer"),
    )
