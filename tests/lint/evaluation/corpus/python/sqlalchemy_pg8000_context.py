import ssl

import sqlalchemy

ssl_context = ssl.create_default_context(cafile="/etc/ssl/certs/ca-certificates.crt")
engine = sqlalchemy.create_engine(
    "postgresql+pg8000://app:secret@pg.example.net:5432/app",
    connect_args={"ssl_context": ssl_context},
)
