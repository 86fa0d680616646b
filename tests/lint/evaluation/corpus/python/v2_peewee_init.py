from peewee import PostgresqlDatabase

db = PostgresqlDatabase(None)


def init_db(password):
    db.init("app", host="pg.example.com", user="app", password=password, sslmode="prefer")
