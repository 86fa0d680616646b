from datetime import datetime

from pony.orm import Database, PrimaryKey, Required

from settings import DB_HOST, DB_NAME, DB_PASSWORD, DB_USER

db = Database()


class Measurement(db.Entity):
    id = PrimaryKey(int, auto=True)
    sensor = Required(str)
    value = Required(float)
    taken_at = Required(datetime)


db.bind(
    provider="postgres",
    user=DB_USER,
    password=DB_PASSWORD,
    host=DB_HOST,
    database=DB_NAME,
    sslmode="require",
)
db.generate_mapping(create_tables=True)
