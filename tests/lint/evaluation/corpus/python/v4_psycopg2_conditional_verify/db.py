import psycopg2

from django.conf import settings

SSLMODE = "disable" if settings.DEBUG else "verify-full"


def raw_connection():
    return psycopg2.connect(
        host=settings.REPORTING_DB_HOST,
        dbname="reporting",
        sslmode=SSLMODE,
        sslrootcert=settings.DB_CA_BUNDLE,
    )
