"""Create the warehouse connection in the Airflow metadata database."""

import json
import os

from airflow import settings
from airflow.models import Connection

conn = Connection(
    conn_id="warehouse",
    conn_type="postgres",
    host="warehouse.example.com",
    schema="dw",
    login="airflow",
    password=os.environ["WAREHOUSE_PASSWORD"],
    port=5432,
    extra=json.dumps({"sslmode": "require", "connect_timeout": 10}),
)

session = settings.Session()
if not session.query(Connection).filter(Connection.conn_id == conn.conn_id).first():
    session.add(conn)
    session.commit()
