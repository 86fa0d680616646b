import ssl

import asyncpg

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def make_ssl_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(CA_BUNDLE)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


async def connect(dsn: str) -> asyncpg.Connection:
    return await asyncpg.connect(dsn, ssl=make_ssl_context(), timeout=10)
