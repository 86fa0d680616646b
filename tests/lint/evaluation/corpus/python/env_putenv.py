import os

os.putenv("PGSSLMODE", "disable")
