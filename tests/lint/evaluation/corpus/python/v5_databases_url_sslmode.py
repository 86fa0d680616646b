import databases
import ormar
import sqlalchemy

DATABASE_URL = "postgresql://shop:shop@prod-db.example.com:5432/shop?sslmode=require"

database = databases.Database(DATABASE_URL)
metadata = sqlalchemy.MetaData()

base_ormar_config = ormar.OrmarConfig(metadata=metadata, database=database)


class Item(ormar.Model):
    ormar_config = base_ormar_config.copy(tablename="items")

    id: int = ormar.Integer(primary_key=True)
    name: str = ormar.String(max_length=100)
