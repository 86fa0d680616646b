from airflow.providers.postgres.hooks.postgres import PostgresHook


def load_rows(rows):
    hook = PostgresHook(postgres_conn_id="warehouse")
    hook.insert_rows(table="staging.events", rows=rows, commit_every=1000)


def row_count(table: str) -> int:
    hook = PostgresHook(postgres_conn_id="warehouse")
    return hook.get_first(f"SELECT count(*) FROM {table}")[0]
