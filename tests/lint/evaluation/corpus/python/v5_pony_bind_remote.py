from pony.orm import Database, Required

db = Database()


class Customer(db.Entity):
    name = Required(str)


db.bind(provider="postgres", user="pony", password="pony", host="pony-db.example.com", database="pony")
db.generate_mapping(create_tables=True)
