import psycopg
import pytest
from sqlalchemy import create_engine

TEST_URL = "postgresql+psycopg://postgres:postgres@localhost:5432/test_db"


@pytest.fixture(scope="session")
def engine():
    engine = create_engine(TEST_URL)
    yield engine
    engine.dispose()


@pytest.fixture
def raw_conn():
    conn = psycopg.connect(host="127.0.0.1", port=5432, dbname="test_db", user="postgres", sslmode="disable")
    yield conn
    conn.close()


@pytest.fixture
def async_url():
    return "postgresql+asyncpg://postgres:postgres@localhost:5432/test_db?ssl=disable"
