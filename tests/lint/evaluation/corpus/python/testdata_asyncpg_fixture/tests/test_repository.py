import asyncpg
import pytest


@pytest.fixture
async def conn():
    connection = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test", ssl="disable")
    yield connection
    await connection.close()


async def test_insert(conn):
    await conn.execute("create temp table t (id int)")
    assert await conn.fetchval("select count(*) from t") == 0
