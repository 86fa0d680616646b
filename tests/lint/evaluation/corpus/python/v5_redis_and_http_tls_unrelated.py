import ssl

import aiohttp
import redis

cache = redis.Redis(host="cache.example.com", port=6380, ssl=False)


def make_session() -> aiohttp.ClientSession:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx))
