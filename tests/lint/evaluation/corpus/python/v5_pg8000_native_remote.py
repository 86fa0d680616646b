import os

import pg8000.native


def fetch_books():
    con = pg8000.native.Connection(
        "library",
        host="books.example.org",
        database="library",
        password=os.environ["LIBRARY_DB_PASSWORD"],
    )
    try:
        return con.run("SELECT title FROM book ORDER BY title")
    finally:
        con.close()
