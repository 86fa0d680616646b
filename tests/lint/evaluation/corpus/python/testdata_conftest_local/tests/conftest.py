import os

import psycopg
import pytest

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/test")


@pytest.fixture
def db():
    with psycopg.connect(TEST_DATABASE_URL, autocommit=True) as conn:
        yield conn
