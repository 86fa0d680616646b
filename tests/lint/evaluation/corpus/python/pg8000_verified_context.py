import ssl

import pg8000

ssl_context = ssl.create_default_context()
conn = pg8000.connect(user="app", host="pg.example.com", database="app", ssl_context=ssl_context)
