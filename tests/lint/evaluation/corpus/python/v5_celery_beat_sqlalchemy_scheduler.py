import os

from celery import Celery

app = Celery("jobs", broker=os.environ["BROKER_URL"])
app.conf.beat_dburi = "postgresql://beat:beat@beat-db.example.com/beat?sslmode=allow"
app.conf.result_backend = "db+postgresql://results@localhost/results"
