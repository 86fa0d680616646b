import dj_database_url

DATABASES = {
    "default": dj_database_url.config(default="postgres://app:app@localhost:5432/app", conn_max_age=600),
}
