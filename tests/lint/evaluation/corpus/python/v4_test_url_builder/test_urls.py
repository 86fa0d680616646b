from app.db.urls import build_url, redact


def test_build_url_with_sslmode():
    url = build_url(host="db.example.com", database="app", user="svc", sslmode="require")
    assert url == "postgresql://svc@db.example.com/app?sslmode=require"


def test_redact_hides_password():
    assert redact("postgresql://svc:hunter2@db.example.com/app") == "postgresql://svc:***@db.example.com/app"
