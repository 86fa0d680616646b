from psycopg_pool import ConnectionPool

pool = ConnectionPool(
    "postgresql://svc@svc-db.example.com:5432/svc",
    kwargs={"autocommit": True, "prepare_threshold": None},
    min_size=2,
)
