import os
import subprocess
from datetime import date


def backup(host: str, dbname: str, user: str, password: str) -> str:
    out = f"/backups/{dbname}-{date.today():%Y%m%d}.dump"
    subprocess.run(
        ["pg_dump", "-h", host, "-U", user, "-Fc", "-f", out, dbname],
        env={**os.environ, "PGPASSWORD": password, "PGSSLMODE": "prefer"},
        check=True,
    )
    return out
