from sqlalchemy import URL, create_engine

engine = create_engine(URL.create("postgresql+psycopg", username="postgres", host="localhost", database="dev"))
