#!/usr/bin/env python3
import datetime
import subprocess
from pathlib import Path

BACKUP_DIR = Path("/var/backups/app")


def backup() -> Path:
    target = BACKUP_DIR / f"app-{datetime.date.today():%Y%m%d}.dump"
    subprocess.run(
        [
            "pg_dump",
            "--dbname",
            "postgresql://backup@db.example.com:5432/app?sslmode=require",
            "--format=custom",
            "--file",
            str(target),
        ],
        check=True,
    )
    return target


if __name__ == "__main__":
    print(backup())
