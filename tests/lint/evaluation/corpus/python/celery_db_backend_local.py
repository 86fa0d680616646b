from celery import Celery

app = Celery("tasks", broker="redis://localhost:6379/0", backend="db+postgresql://celery@localhost/celery")
