from urllib.parse import urlencode

import psycopg2

from config import DB_HOST, DB_NAME, DB_PASSWORD, DB_USER

params = urlencode({"sslmode": "require", "application_name": "worker"})
url = f"postgresql://{DB_USER}:{DB_PASSWORD}@{DB_HOST}/{DB_NAME}?{params}"
conn = psycopg2.connect(url)
