import os

os.environ.setdefault("PGSSLMODE", "prefer")
os.environ.setdefault("PGCONNECT_TIMEOUT", "10")

from reports import main  # noqa: E402

if __name__ == "__main__":
    main()
