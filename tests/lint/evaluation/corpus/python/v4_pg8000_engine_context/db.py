import ssl

import sqlalchemy

CA_FILE = "/etc/ssl/certs/ca-certificates.crt"

engine = sqlalchemy.create_engine(
    "postgresql+pg8000://cloud:cloud@cloud-sql.example.com:5432/cloud",
    connect_args={"ssl_context": ssl.create_default_context(cafile=CA_FILE)},
)
