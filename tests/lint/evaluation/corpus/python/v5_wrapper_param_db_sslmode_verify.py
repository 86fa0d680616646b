import psycopg2


def get_conn(host: str, dbname: str, db_sslmode: str = "verify-full"):
    return psycopg2.connect(host=host, dbname=dbname, sslmode=db_sslmode, sslrootcert="system")
