"""Example: test a small orders repository on PostgreSQL with neon_conn.

Run with ``pytest examples/pytest``.  Without ``--neon-dsn`` or
``NEON_DATABASE_URL`` the plugin starts a throwaway TLS-only PostgreSQL;
with one, the same tests run on your Neon branch.  Every test runs in a
transaction that is rolled back, so tests never see each other's rows.
"""

from __future__ import annotations

import psycopg
import pytest

SCHEMA = """
CREATE TABLE customer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customer (id),
    total_cents integer NOT NULL CHECK (total_cents >= 0)
);
"""

TOTALS = """
SELECT c.email, sum(o.total_cents)
FROM customer c JOIN orders o ON o.customer_id = c.id
GROUP BY c.email ORDER BY c.email
"""


def add_customer(conn: psycopg.Connection, email: str) -> int:
    row = conn.execute("INSERT INTO customer (email) VALUES (%s) RETURNING id", [email]).fetchone()
    assert row is not None
    return int(row[0])


def place_order(conn: psycopg.Connection, customer: int, cents: int) -> int:
    row = conn.execute(
        "INSERT INTO orders (customer_id, total_cents) VALUES (%s, %s) RETURNING id",
        [customer, cents],
    ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture
def shop(neon_conn: psycopg.Connection) -> psycopg.Connection:
    """The schema, created in the test's transaction and rolled back."""
    neon_conn.execute(SCHEMA)
    return neon_conn


def test_order_totals_per_customer(shop: psycopg.Connection) -> None:
    alice = add_customer(shop, "alice@example.com")
    bob = add_customer(shop, "bob@example.com")
    place_order(shop, alice, 1250)
    place_order(shop, alice, 750)
    place_order(shop, bob, 300)

    totals = shop.execute(TOTALS).fetchall()

    assert totals == [("alice@example.com", 2000), ("bob@example.com", 300)]


def test_failed_step_rolls_back_its_savepoint(
    shop: psycopg.Connection,
) -> None:
    alice = add_customer(shop, "alice@example.com")
    place_order(shop, alice, 500)

    with pytest.raises(psycopg.errors.CheckViolation):
        with shop.transaction():  # nested: a savepoint
            place_order(shop, alice, 100)
            place_order(shop, alice, -1)

    assert shop.execute("SELECT count(*) FROM orders").fetchone() == (1,)


def test_each_test_starts_empty(neon_conn: psycopg.Connection) -> None:
    found = neon_conn.execute("SELECT to_regclass('customer')").fetchone()
    assert found == (None,)


def test_connection_is_verified(neon_conn: psycopg.Connection) -> None:
    effective = {opt.keyword: opt.val for opt in neon_conn.pgconn.info}
    assert neon_conn.pgconn.ssl_in_use
    assert effective[b"sslmode"] == b"verify-full"
