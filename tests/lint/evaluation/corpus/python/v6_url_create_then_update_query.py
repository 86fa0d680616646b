from sqlalchemy import URL, create_engine

from .secrets import DB_PASSWORD

url = URL.create(
    "postgresql+psycopg2",
    username="billing",
    password=DB_PASSWORD,
    host="billing-db.example.com",
    database="billing",
)
url = url.update_query_dict({"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/ca-certificates.crt"})
engine = create_engine(url)
