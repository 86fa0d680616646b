import os
import subprocess


def run_sql_file(path: str) -> None:
    env = dict(os.environ)
    env["PGSSLMODE"] = "verify-full"
    env["PGSSLROOTCERT"] = "/etc/ssl/certs/ca-certificates.crt"
    subprocess.run(["psql", os.environ["DATABASE_URL"], "-v", "ON_ERROR_STOP=1", "-f", path], env=env, check=True)
