import os
import subprocess
import time


def wait(timeout: float = 60.0) -> None:
    host = os.environ.get("DB_HOST", "localhost")
    port = os.environ.get("DB_PORT", "5432")
    deadline = time.monotonic() + timeout
    while subprocess.call(["pg_isready", "-h", host, "-p", port, "-q"]) != 0:
        if time.monotonic() > deadline:
            raise SystemExit(f"database at {host}:{port} not ready after {timeout}s")
        time.sleep(1)


if __name__ == "__main__":
    wait()
