import psycopg2

host = "mydemoserver.postgres.database.azure.com"
dbname = "inventory"
user = "mylogin"
password = "secret"
sslmode = "require"

conn_string = "host={0} user={1} dbname={2} password={3} sslmode={4}".format(host, user, dbname, password, sslmode)
conn = psycopg2.connect(conn_string)
print("Connection established")
