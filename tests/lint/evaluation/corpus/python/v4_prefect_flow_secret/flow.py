import psycopg
from prefect import flow, task
from prefect.blocks.system import Secret


@task(retries=3, retry_delay_seconds=10)
def refresh_materialized_views() -> None:
    dsn = Secret.load("warehouse-dsn").get()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("refresh materialized view concurrently daily_sales")


@flow(log_prints=True)
def nightly() -> None:
    refresh_materialized_views()


if __name__ == "__main__":
    nightly()
