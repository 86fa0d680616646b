from peewee import Model, PostgresqlDatabase

db = PostgresqlDatabase("blog", user="blog", password="blog", host="pg.example.com", port=5432)


class BaseModel(Model):
    class Meta:
        database = db
