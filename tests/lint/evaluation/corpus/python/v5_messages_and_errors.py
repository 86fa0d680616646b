import logging
import os

log = logging.getLogger(__name__)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "DATABASE_URL is not set, e.g. postgresql://user:pass@db.example.com/app?sslmode=require"
        )
    log.info("using database %s", "postgresql://db.example.com/app")
    return url
