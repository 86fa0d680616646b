from pony.orm import Database, Required, db_session

db = Database()


class Person(db.Entity):
    name = Required(str)


db.bind(provider="postgres", user="pony", password="pony", host="pony-db.example.com", database="people")
db.generate_mapping(create_tables=True)
