import os

import psycopg2
import psycopg2.extras

conn = psycopg2.connect(
    os.environ["REPLICATION_DSN"],
    connection_factory=psycopg2.extras.LogicalReplicationConnection,
    sslmode="verify-full",
    sslrootcert="/etc/ssl/certs/ca-certificates.crt",
)
