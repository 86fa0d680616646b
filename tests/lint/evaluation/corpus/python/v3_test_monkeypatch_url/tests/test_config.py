from app.config import load_settings


def test_reads_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example.com/app?sslmode=require")
    assert load_settings().database_url.endswith("sslmode=require")
