from gino import Gino

db = Gino()


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer(), primary_key=True)
    nickname = db.Column(db.Unicode(), default="noname")


async def main():
    await db.set_bind("postgresql://gino:gino@gino.db.example.com/gino")
    await db.gino.create_all()
    await db.pop_bind().close()
