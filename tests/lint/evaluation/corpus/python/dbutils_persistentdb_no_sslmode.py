import psycopg2
from dbutils.persistent_db import PersistentDB

from settings import DB_PASSWORD

persist = PersistentDB(creator=psycopg2, maxusage=1000, host="10.20.30.40", database="crm", user="crm", password=DB_PASSWORD)
