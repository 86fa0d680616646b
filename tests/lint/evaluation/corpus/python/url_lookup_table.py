ENVIRONMENT_LABELS = {
    "postgresql://app@staging-db.example.com/app?sslmode=require": "staging",
    "postgresql://app@prod-db.example.com/app?sslmode=verify-full": "production",
}


def label(url: str) -> str:
    return ENVIRONMENT_LABELS.get(url, "unknown")
