import pg8000.dbapi


def connect(password):
    return pg8000.dbapi.connect(
        user="app", host="pg.example.com", database="app", password=password, ssl_context=True
    )
