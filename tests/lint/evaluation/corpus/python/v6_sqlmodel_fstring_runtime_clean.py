from sqlmodel import create_engine

from .settings import settings

engine = create_engine(
    f"postgresql://{settings.db_user}:{settings.db_password}@{settings.db_host}/{settings.db_name}",
    connect_args={"sslmode": "verify-full"},
)
