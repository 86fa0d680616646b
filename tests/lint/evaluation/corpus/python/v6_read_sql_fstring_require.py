import pandas as pd

u, p, h, d = "analyst", "s3cret", "bi-db.example.com", "bi"

df = pd.read_sql_query(
    "SELECT * FROM sales",
    con=f"postgresql://{u}:{p}@{h}:5432/{d}?sslmode=require",
)
