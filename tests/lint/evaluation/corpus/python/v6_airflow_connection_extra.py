import json

from airflow import settings
from airflow.models import Connection


def add_warehouse_connection() -> None:
    conn = Connection(
        conn_id="warehouse",
        conn_type="postgres",
        host="warehouse.data.example.com",
        schema="dwh",
        login="airflow",
        port=5432,
        extra=json.dumps({"sslmode": "require"}),
    )
    session = settings.Session()
    session.add(conn)
    session.commit()
