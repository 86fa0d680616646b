import os

import psycopg2
import pytest

TEST_DATABASE_URL = os.getenv("TEST_DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/test")


@pytest.fixture
def db():
    conn = psycopg2.connect(TEST_DATABASE_URL)
    conn.autocommit = False
    yield conn
    conn.rollback()
    conn.close()
