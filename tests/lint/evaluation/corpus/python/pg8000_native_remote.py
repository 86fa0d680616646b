import os

import pg8000.native

con = pg8000.native.Connection(
    user="app",
    host="pg.example.com",
    database="app",
    password=os.environ["PG_PASSWORD"],
)
for row in con.run("SELECT 1"):
    print(row)
