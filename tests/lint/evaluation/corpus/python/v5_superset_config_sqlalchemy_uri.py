import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://superset:superset@superset-meta.example.com:5432/superset"
SQLALCHEMY_TRACK_MODIFICATIONS = True
FEATURE_FLAGS = {"ENABLE_TEMPLATE_PROCESSING": True}
