from sqlalchemy import create_engine
from sqlalchemy.engine.url import URL

DATABASE = {
    "drivername": "postgresql",
    "host": "localhost",
    "port": "5432",
    "username": "scrapy",
    "password": "scrapy",
    "database": "scrape",
}


def db_connect():
    return create_engine(URL.create(**DATABASE))
