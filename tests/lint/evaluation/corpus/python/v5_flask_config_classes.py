import os


class Config:
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class DevelopmentConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://dev:dev@localhost/app_dev"


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "postgresql://test:test@127.0.0.1/app_test"


class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "postgresql://app@prod-db.example.com/app"


config = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}
