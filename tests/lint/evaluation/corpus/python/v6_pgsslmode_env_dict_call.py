import os
import subprocess

os.environ["PGSSLMODE"] = "prefer"


def backup(database: str, target: str) -> None:
    env = dict(os.environ, PGSSLMODE="require", PGCONNECT_TIMEOUT="10")
    subprocess.run(["pg_dump", "--format=custom", "--file", target, database], env=env, check=True)
