import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
    SQLALCHEMY_DATABASE_URI = "postgresql://blog:blog@blog-db.example.com/blog"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_recycle": 300}


class TestConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://blog:blog@localhost/blog_test"
