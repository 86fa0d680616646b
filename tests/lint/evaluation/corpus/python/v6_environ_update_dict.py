import os
import subprocess

os.environ.update({"PGSSLMODE": "disable", "PGAPPNAME": "restore"})
subprocess.run(["pg_restore", "--dbname", os.environ["TARGET_URL"], "dump.custom"], check=True)
