from psycopg import Connection

conn = Connection.connect("host=inventory.example.com dbname=inventory user=inv")
