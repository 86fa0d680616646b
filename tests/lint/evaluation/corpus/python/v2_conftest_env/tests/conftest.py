import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def database_url():
    os.environ["DATABASE_URL"] = "postgres://postgres@localhost:5432/postgres"
