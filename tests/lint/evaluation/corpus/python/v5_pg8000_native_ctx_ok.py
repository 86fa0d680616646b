import os
import ssl

import pg8000.native

ssl_context = ssl.create_default_context()

con = pg8000.native.Connection(
    "app", host="pg.example.com", database="app", password=os.environ["PGPASSWORD"], ssl_context=ssl_context
)
