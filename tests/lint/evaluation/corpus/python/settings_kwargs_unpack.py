import psycopg

from app.settings import settings


def connect():
    return psycopg.connect(**settings.DATABASE_OPTIONS)
