import os

import dj_database_url

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"

DATABASES = {
    "default": dj_database_url.config(conn_max_age=600, conn_health_checks=True, ssl_require=True),
}
