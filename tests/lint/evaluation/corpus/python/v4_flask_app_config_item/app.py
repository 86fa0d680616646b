from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = (
        "postgresql://inventory:s3cret@inventory-db.example.net:5432/inventory?sslmode=prefer"
    )
    app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    db.init_app(app)

    @app.get("/health")
    def health():
        db.session.execute(db.text("select 1"))
        return jsonify(status="ok")

    return app
