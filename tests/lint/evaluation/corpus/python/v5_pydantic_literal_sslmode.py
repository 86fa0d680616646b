from typing import Literal

import psycopg
from pydantic import BaseModel


class DBConfig(BaseModel):
    host: str
    dbname: str
    user: str
    sslmode: Literal["disable", "require", "verify-full"] = "require"


def connect(cfg: DBConfig) -> psycopg.Connection:
    return psycopg.connect(host=cfg.host, dbname=cfg.dbname, user=cfg.user, sslmode=cfg.sslmode)
