import re

_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@]+:)[^@]+(@)")


def redact(url: str) -> str:
    return _PASSWORD.sub(r"\1***\2", url)


def upgrade(url: str) -> str:
    return url.replace("sslmode=require", "sslmode=verify-full").replace("sslmode=prefer", "sslmode=verify-full")
