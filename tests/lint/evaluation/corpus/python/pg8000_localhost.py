import pg8000.native

con = pg8000.native.Connection("postgres", password="postgres", host="localhost", database="test")
