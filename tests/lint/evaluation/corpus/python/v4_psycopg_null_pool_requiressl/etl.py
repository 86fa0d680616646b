from psycopg_pool import NullConnectionPool

ETL_POOL = NullConnectionPool("dbname=etl user=etl host=etl-db.example.com requiressl=1", max_size=4)


def run(sql: str) -> None:
    with ETL_POOL.connection() as conn:
        conn.execute(sql)
