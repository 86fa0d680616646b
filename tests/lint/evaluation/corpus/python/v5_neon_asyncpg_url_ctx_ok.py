import ssl

from sqlalchemy.ext.asyncio import create_async_engine

ssl_context = ssl.create_default_context()
DATABASE_URL = "postgresql+asyncpg://app:secret@ep-sparkling-leaf-123456-pooler.ap-southeast-1.aws.neon.tech/neondb"

engine = create_async_engine(DATABASE_URL, connect_args={"ssl": ssl_context}, echo=True)
