from sqlalchemy import create_engine

engine = create_engine("mysql+pymysql://shop:shop@mysql.example.com:3306/shop", connect_args={"ssl": False})
cache_engine = create_engine("sqlite:///cache.db", connect_args={"check_same_thread": False})
