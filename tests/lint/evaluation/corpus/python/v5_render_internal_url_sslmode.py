import os
from urllib.parse import urlparse


def normalize_db_url(url: str) -> str:
    if url.startswith("postgres://"):
        url = url.replace("postgres://", "postgresql+psycopg2://", 1)
    host = urlparse(url).hostname or ""
    if url.startswith("postgresql") and "sslmode=" not in url and "internal" not in host:
        sep = "&" if "?" in url else "?"
        url = f"{url}{sep}sslmode=require"
    return url


class Config:
    SQLALCHEMY_DATABASE_URI = normalize_db_url(os.getenv("DATABASE_URL", "sqlite:///app.db"))
