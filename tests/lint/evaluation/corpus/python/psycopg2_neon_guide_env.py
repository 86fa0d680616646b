import os

import psycopg2
from dotenv import load_dotenv

load_dotenv()

connection_string = os.getenv("DATABASE_URL")
connection = psycopg2.connect(connection_string, connect_timeout=10)
cursor = connection.cursor()
cursor.execute("SELECT NOW();")
print("Current time:", cursor.fetchone()[0])
cursor.close()
connection.close()
