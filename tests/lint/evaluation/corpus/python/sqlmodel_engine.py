from sqlmodel import Session, SQLModel, create_engine

DATABASE_URL = "postgresql://heroes:heroes@ep-lucky-sun-778899.us-west-2.aws.neon.tech/heroes?sslmode=require"
engine = create_engine(DATABASE_URL, echo=True)


def create_db_and_tables():
    SQLModel.metadata.create_all(engine)


def get_session():
    with Session(engine) as session:
        yield session
