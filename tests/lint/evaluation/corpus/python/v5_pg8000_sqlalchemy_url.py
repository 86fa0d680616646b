from sqlalchemy import create_engine

engine = create_engine("postgresql+pg8000://app:secret@pg.example.com/app", pool_size=5)
