import polars as pl

uri = "postgresql://analyst:analyst@sales-db.example.com:5432/sales?sslmode=prefer"
df = pl.read_database_uri(query="SELECT * FROM orders LIMIT 100", uri=uri)
print(df.head())
