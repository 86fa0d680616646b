import psycopg

RDS_CA = "/opt/certs/global-bundle.pem"


def connect(password: str) -> psycopg.Connection:
    return psycopg.connect(
        host="orders.cluster-abc123.eu-west-1.rds.amazonaws.com",
        dbname="orders",
        user="orders_app",
        password=password,
        sslmode="require",
        sslrootcert=RDS_CA,
    )
