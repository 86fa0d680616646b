from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

DATABASE_URL = "postgresql+asyncpg://app:secret@ep-wild-cloud-7788.us-east-2.aws.neon.tech/neondb?ssl=require"

engine = create_async_engine(DATABASE_URL, echo=False)
Session = async_sessionmaker(engine)
