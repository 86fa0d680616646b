import os
import subprocess
import sys


def apply(sql_file: str) -> int:
    env = {**os.environ, "PGSSLMODE": "require", "PGAPPNAME": "migrate"}
    return subprocess.call(["psql", "--set", "ON_ERROR_STOP=1", "-f", sql_file], env=env)


if __name__ == "__main__":
    sys.exit(apply(sys.argv[1]))
