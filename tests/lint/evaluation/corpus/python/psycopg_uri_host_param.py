import psycopg

SOCKET_URL = "postgresql://localhost/app?host=/var/run/postgresql"
REMOTE_VIA_PARAM = "postgresql:///app?host=db.example.com&user=app"


def local():
    return psycopg.connect(SOCKET_URL)


def remote():
    return psycopg.connect(REMOTE_VIA_PARAM)
