from datetime import datetime

from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.providers.postgres.hooks.postgres import PostgresHook
from airflow.operators.python import PythonOperator


def count_orders(**context):
    hook = PostgresHook(postgres_conn_id="warehouse")
    total = hook.get_first("select count(*) from orders where created_at::date = %s", parameters=(context["ds"],))
    print(f"orders on {context['ds']}: {total[0]}")


with DAG("daily_rollup", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:
    rollup = SQLExecuteQueryOperator(
        task_id="rollup",
        conn_id="warehouse",
        sql="insert into daily_orders select created_at::date, count(*) from orders group by 1",
    )
    report = PythonOperator(task_id="report", python_callable=count_orders)
    rollup >> report
