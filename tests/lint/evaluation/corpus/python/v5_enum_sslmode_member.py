from enum import Enum

import psycopg


class SSLMode(str, Enum):
    DISABLE = "disable"
    REQUIRE = "require"
    VERIFY_FULL = "verify-full"


def connect(conninfo: str) -> psycopg.Connection:
    return psycopg.connect(conninfo, sslmode=SSLMode.REQUIRE.value)
