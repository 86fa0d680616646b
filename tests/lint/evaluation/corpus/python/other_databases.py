from sqlalchemy import create_engine

mysql_engine = create_engine("mysql+pymysql://app:app@mysql.example.com/app?ssl_mode=REQUIRED")
sqlite_engine = create_engine("sqlite:///./app.db")
mssql_engine = create_engine("mssql+pyodbc://app:app@mssql.example.com/app?driver=ODBC+Driver+18+for+SQL+Server")
redis_url = "redis://cache.example.com:6379/0"
mongo_url = "mongodb://app:app@mongo.example.com:27017/app?ssl=false"
