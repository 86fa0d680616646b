from datetime import datetime

import psycopg2
from airflow.decorators import dag, task
from airflow.models import Variable


@dag(schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False, tags=["etl"])
def export_orders():
    @task
    def extract() -> int:
        conn = psycopg2.connect(
            host=Variable.get("orders_db_host"),
            dbname="orders",
            user=Variable.get("orders_db_user"),
            password=Variable.get("orders_db_password"),
            sslmode="prefer",
        )
        with conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM orders WHERE created_at::date = current_date - 1")
            (count,) = cur.fetchone()
        return count

    extract()


export_orders()
