import getpass

import psycopg2

conn = psycopg2.connect("dbname=%s user=%s host=localhost" % ("scratch", getpass.getuser()))
