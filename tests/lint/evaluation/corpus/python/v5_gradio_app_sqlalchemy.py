import gradio as gr
import pandas as pd
from sqlalchemy import create_engine

engine = create_engine("postgresql+psycopg2://demo:demo@demo-db.example.org:5432/demo?sslmode=prefer")


def top_products(limit: int) -> pd.DataFrame:
    return pd.read_sql(f"SELECT name, sales FROM products ORDER BY sales DESC LIMIT {int(limit)}", engine)


gr.Interface(fn=top_products, inputs=gr.Number(value=10), outputs="dataframe").launch()
