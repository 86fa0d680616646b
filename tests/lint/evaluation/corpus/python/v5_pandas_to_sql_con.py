import pandas as pd

df = pd.read_csv("daily.csv")
df.to_sql("daily", con="postgresql+psycopg2://loader@loader-db.example.com/warehouse", if_exists="append")
