import os

from flask import Flask

from .extensions import db, migrate


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY", "dev"),
        SQLALCHEMY_DATABASE_URI=os.environ.get("DATABASE_URL", "postgresql://flaskr:flaskr@localhost:5432/flaskr"),
        SQLALCHEMY_ENGINE_OPTIONS={
            "connect_args": {"sslmode": os.environ.get("PGSSLMODE", "verify-full"), "connect_timeout": 10},
        },
    )
    if test_config is not None:
        app.config.update(test_config)
    db.init_app(app)
    migrate.init_app(app, db)
    return app
