from airflow.models import Connection

warehouse = Connection(
    conn_id="warehouse",
    uri="postgresql://loader:secret@warehouse.example.com:5432/analytics?sslmode=prefer",
)
print(warehouse.get_uri())
