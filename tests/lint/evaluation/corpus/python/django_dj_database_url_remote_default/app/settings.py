import dj_database_url

DATABASES = {
    "default": dj_database_url.config(
        default="postgres://app:app@db.example.com:5432/app",
        conn_max_age=600,
    )
}
