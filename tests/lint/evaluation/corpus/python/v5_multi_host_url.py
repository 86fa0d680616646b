import psycopg

DSN = "postgresql://app@pg-1.example.com,pg-2.example.com/app?target_session_attrs=read-write"

conn = psycopg.connect(DSN)
