import logging
import os

logger = logging.getLogger(__name__)

WEAK_MODES = ("disable", "allow", "prefer", "require")


def check_url(url: str) -> str:
    if not url:
        raise RuntimeError("DATABASE_URL is not set, e.g. postgresql://user:pass@db.example.com/app?sslmode=verify-full")
    if "sslmode=require" in url:
        logger.warning("sslmode=require does not verify the server; use sslmode=verify-full")
    return url


url = check_url(os.environ.get("DATABASE_URL", ""))
