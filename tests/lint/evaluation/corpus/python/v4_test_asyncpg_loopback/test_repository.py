import asyncpg
import pytest

from app.repository import UserRepository

TEST_DSN = "postgresql://postgres:postgres@127.0.0.1:5433/test"


@pytest.fixture
async def conn():
    connection = await asyncpg.connect(TEST_DSN, ssl=False)
    transaction = connection.transaction()
    await transaction.start()
    yield connection
    await transaction.rollback()
    await connection.close()


async def test_create_user(conn):
    repo = UserRepository(conn)
    user = await repo.create(email="a@example.com")
    assert user.id > 0
