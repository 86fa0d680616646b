import psycopg
import pytest

TEST_DSN = "postgresql://postgres:postgres@localhost:5432/test_app"


@pytest.fixture(scope="session")
def db_conn():
    conn = psycopg.connect(TEST_DSN, autocommit=True)
    yield conn
    conn.close()


@pytest.fixture
def raw_conn():
    with psycopg.connect(host="127.0.0.1", port=5432, dbname="test_app", user="postgres", sslmode="disable") as conn:
        yield conn
