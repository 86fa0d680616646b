import psycopg2


def get_connection(host: str, dbname: str, user: str, password: str, sslmode: str = "require"):
    return psycopg2.connect(host=host, dbname=dbname, user=user, password=password, sslmode=sslmode)
