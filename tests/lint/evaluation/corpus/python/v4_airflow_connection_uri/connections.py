from airflow.models.connection import Connection

REPORTING = Connection(
    conn_id="reporting",
    uri="postgres://airflow:secret@reporting.example.com:5432/reporting?sslmode=prefer",
)

LOCAL = Connection(conn_id="local_pg", uri="postgres://postgres:postgres@localhost:5432/postgres")
