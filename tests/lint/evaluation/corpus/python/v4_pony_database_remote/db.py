import os

from pony.orm import Database, Optional, Required

db = Database(
    provider="postgres",
    host="pony-db.example.net",
    port=5432,
    user="pony",
    password=os.environ["PONY_DB_PASSWORD"],
    database="catalog",
)


class Product(db.Entity):
    name = Required(str, unique=True)
    description = Optional(str)


db.generate_mapping(create_tables=True)
