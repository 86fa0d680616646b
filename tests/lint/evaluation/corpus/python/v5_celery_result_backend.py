from celery import Celery

app = Celery("tasks", broker="redis://redis.example.com:6379/0")
app.conf.update(
    result_backend="db+postgresql://celery:celery@results.example.com/celery",
    result_extended=True,
    task_serializer="json",
)


@app.task
def add(x, y):
    return x + y
