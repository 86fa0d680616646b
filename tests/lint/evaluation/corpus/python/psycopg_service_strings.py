import psycopg


def reporting():
    return psycopg.connect("service=reporting")


def legacy_reporting():
    return psycopg.connect("service=reporting-legacy sslmode=prefer")
