import os

import psycopg2
import pytest

DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL",
    "postgresql://ci:ci@ci-db.example.com:5432/ci_test?sslmode=require",
)


@pytest.fixture(scope="session")
def connection():
    conn = psycopg2.connect(DATABASE_URL)
    yield conn
    conn.close()
