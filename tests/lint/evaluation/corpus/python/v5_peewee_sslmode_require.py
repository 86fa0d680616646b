import os

from peewee import CharField, Model, PostgresqlDatabase

db = PostgresqlDatabase(
    "blog",
    user="blog",
    password=os.environ["BLOG_DB_PASSWORD"],
    host="pg.example.com",
    port=5432,
    sslmode="require",
)


class Post(Model):
    title = CharField()

    class Meta:
        database = db
