import databases
import sqlalchemy

DATABASE_URL = "postgresql://scott:tiger@db.example.com:5432/app"

database = databases.Database(DATABASE_URL, ssl=True, min_size=2, max_size=10)
metadata = sqlalchemy.MetaData()
