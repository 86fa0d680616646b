import pandas as pd

QUERY = "SELECT region, sum(amount) AS total FROM sales GROUP BY region"

df = pd.read_sql(QUERY, "postgresql://analyst:analyst@sales-db.example.com/sales")
df.to_csv("sales_by_region.csv", index=False)
