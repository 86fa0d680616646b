import databases
import ormar
import sqlalchemy

DATABASE_URL = "postgresql://ormar:ormar@ormar-db.example.com:5432/library"

database = databases.Database(DATABASE_URL)
metadata = sqlalchemy.MetaData()

base_ormar_config = ormar.OrmarConfig(database=database, metadata=metadata)


class Author(ormar.Model):
    ormar_config = base_ormar_config.copy(tablename="authors")

    id: int = ormar.Integer(primary_key=True)
    name: str = ormar.String(max_length=100)
