import os

URL_TEMPLATE = "postgresql://{user}:{password}@{host}:{port}/{db}?sslmode={mode}"

DATABASE_URL = URL_TEMPLATE.format(
    user=os.environ["DB_USER"],
    password=os.environ["DB_PASSWORD"],
    host=os.environ["DB_HOST"],
    port=5432,
    db="app",
    mode="require",
)
