import psycopg


def analytics():
    return psycopg.connect(service="analytics", sslmode="prefer")


def local_service():
    return psycopg.connect("service=analytics")
