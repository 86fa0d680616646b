import logging

import psycopg2
from psycopg2.extras import LoggingConnection

logger = logging.getLogger("sql")

DSN = "postgresql://loader@warehouse.example.com:5432/dw?sslmode=require&connect_timeout=5"


def connect():
    conn = psycopg2.connect(DSN, connection_factory=LoggingConnection)
    conn.initialize(logger)
    return conn
