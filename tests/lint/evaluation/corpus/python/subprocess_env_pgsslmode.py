import os
import subprocess


def dump(path: str) -> None:
    subprocess.run(
        ["pg_dump", "--format=custom", "--file", path],
        env={**os.environ, "PGSSLMODE": "require"},
        check=True,
    )
