import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from myapp.db import with_application_name


def test_make_conninfo_overrides_sslmode():
    result = make_conninfo("host=db.example.com sslmode=require", sslmode="verify-full")
    assert conninfo_to_dict(result)["sslmode"] == "verify-full"


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://app@db.example.com/app?sslmode=require",
        "host=db.example.com dbname=app sslmode=prefer",
    ],
)
def test_application_name_is_added(dsn):
    params = conninfo_to_dict(with_application_name(dsn, "api"))
    assert params["application_name"] == "api"


def test_keeps_other_settings():
    dsn = with_application_name("host=replica.example.com dbname=app sslmode=disable", "etl")
    assert "sslmode=disable" in dsn
