"""Settings of the billing service, read by ``app.config.from_object``."""

SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://billing@billing-db.example.org:5432/billing"
SQLALCHEMY_ENGINE_OPTIONS = {
    "pool_size": 10,
    "max_overflow": 5,
    "connect_args": {
        "sslmode": "verify-full",
        "sslrootcert": "/etc/ssl/certs/ca-certificates.crt",
        "application_name": "billing",
    },
}
SQLALCHEMY_TRACK_MODIFICATIONS = False
