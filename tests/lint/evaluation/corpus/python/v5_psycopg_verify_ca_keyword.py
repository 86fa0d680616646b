import psycopg

CA = "/etc/ssl/certs/internal-ca.pem"


def connect(conninfo: str) -> psycopg.Connection:
    return psycopg.connect(conninfo, sslmode="verify-ca", sslrootcert=CA)
