broker_url = "redis://localhost:6379/0"
result_backend = (
    "db+postgresql://celery@results.example.com/celery"
    "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt"
)
task_acks_late = True
