from sqlalchemy import create_engine


def get_database_url() -> str:
    return "postgresql://scheduler@scheduler-db.example.com/scheduler"


engine = create_engine(get_database_url(), pool_size=3)
