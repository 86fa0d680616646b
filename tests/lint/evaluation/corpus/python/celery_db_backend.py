broker_url = "redis://redis:6379/0"
result_backend = "db+postgresql://celery:celery@pg.example.com/celery"
task_serializer = "json"
accept_content = ["json"]
