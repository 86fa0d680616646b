import os

import psycopg
import pytest


@pytest.fixture(scope="session")
def neon_conn():
    conn = psycopg.connect(os.environ["NEON_TEST_URL"], sslmode="require")
    yield conn
    conn.close()
