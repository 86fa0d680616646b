import sqlalchemy

engine = sqlalchemy.create_engine("postgresql+pg8000://app:secret@pg.example.net:5432/app", pool_size=2)
