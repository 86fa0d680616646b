from app.config import Settings


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example.com:5432/x?sslmode=disable")
    settings = Settings()
    assert settings.database_url.host == "db.example.com"


def test_sslmode_is_preserved(monkeypatch):
    url = "postgresql://u:p@db.example.com:5432/x?sslmode=require"
    monkeypatch.setenv("DATABASE_URL", url)
    assert str(Settings().database_url) == url
