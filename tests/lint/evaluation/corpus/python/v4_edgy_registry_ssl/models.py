import edgy

database = edgy.Database("postgresql+asyncpg://edgy:edgy@db.example.com:5432/edgy?ssl=require")
models = edgy.Registry(database=database)


class User(edgy.Model):
    name: str = edgy.CharField(max_length=255)
    email: str = edgy.EmailField(max_length=255)

    class Meta:
        registry = models
