import ssl

from app.core.config import settings

ssl_context = ssl.create_default_context()
ssl_context.check_hostname = False
ssl_context.verify_mode = ssl.CERT_NONE

TORTOISE_ORM = {
    "connections": {
        "default": {
            "engine": "tortoise.backends.asyncpg",
            "credentials": {
                "host": "ep-wild-frost-a1b2c3d4-pooler.us-east-1.aws.neon.tech",
                "port": 5432,
                "user": "neondb_owner",
                "password": settings.DB_PASSWORD,
                "database": "neondb",
                "ssl": ssl_context,
            },
        }
    },
    "apps": {"models": {"models": ["app.models", "aerich.models"], "default_connection": "default"}},
}
