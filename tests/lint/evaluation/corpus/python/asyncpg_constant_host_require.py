import asyncpg

HOST = "ep-silent-cloud-123456.us-east-2.aws.neon.tech"


async def connect(password):
    return await asyncpg.connect(host=HOST, user="neondb_owner", password=password, database="neondb", ssl="require")
