from flask import Flask


class Config:
    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/app?sslmode=require"
    SQLALCHEMY_ECHO = False


app = Flask(__name__)
app.config.from_object(Config)
