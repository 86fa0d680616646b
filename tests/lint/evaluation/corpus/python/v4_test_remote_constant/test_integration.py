import os

import psycopg
import pytest

STAGING_DSN = "host=staging-db.example.com dbname=it user=it sslmode=require"

pytestmark = pytest.mark.skipif(not os.environ.get("RUN_INTEGRATION"), reason="integration only")


def test_orders_table_exists():
    with psycopg.connect(STAGING_DSN) as conn:
        row = conn.execute("select to_regclass('public.orders')").fetchone()
    assert row[0] == "orders"
