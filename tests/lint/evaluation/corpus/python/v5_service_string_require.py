import psycopg2


def analytics_conn():
    return psycopg2.connect("service=analytics sslmode=require")


def reporting_conn():
    return psycopg2.connect(service="reporting")
