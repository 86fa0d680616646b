from typing import Final

import psycopg

DSN: Final = "host=reports.example.com dbname=reports user=reader sslmode=allow"


def reports() -> psycopg.Connection:
    return psycopg.connect(DSN)
