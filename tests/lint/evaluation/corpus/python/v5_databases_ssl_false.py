import os

from databases import Database

database = Database(os.environ["DATABASE_URL"], ssl=False, min_size=2, max_size=10)
