import os

import pg8000

conn = pg8000.connect(
    "analytics",
    host="pg.example.com",
    database="analytics",
    password=os.environ["ANALYTICS_PASSWORD"],
    ssl_context=True,
)
