import psycopg2

from django.conf import settings

if settings.DEBUG:
    sslmode = "disable"
else:
    sslmode = "require"

conn = psycopg2.connect(settings.DATABASE_URL, sslmode=sslmode)
