import databases
import sqlalchemy

DATABASE_URL = "postgresql://notes:notes@notes-db.example.com/notes?sslmode=verify-full"

database = databases.Database(DATABASE_URL)
metadata = sqlalchemy.MetaData()

notes = sqlalchemy.Table(
    "notes",
    metadata,
    sqlalchemy.Column("id", sqlalchemy.Integer, primary_key=True),
    sqlalchemy.Column("text", sqlalchemy.String),
)
