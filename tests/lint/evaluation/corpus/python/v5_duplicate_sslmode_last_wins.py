import psycopg

DSN = "postgresql://app@pg.example.com/app?sslmode=verify-full&sslrootcert=system&sslmode=require"
