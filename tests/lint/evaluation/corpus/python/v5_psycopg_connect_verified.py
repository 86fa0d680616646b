import os

import psycopg
from psycopg.rows import dict_row


def get_conn():
    return psycopg.connect(
        host="ep-round-leaf-42.us-east-2.aws.neon.tech",
        dbname="neondb",
        user="neondb_owner",
        password=os.environ["PGPASSWORD"],
        sslmode="verify-full",
        sslrootcert="/etc/ssl/certs/ca-certificates.crt",
        channel_binding="require",
        row_factory=dict_row,
    )
