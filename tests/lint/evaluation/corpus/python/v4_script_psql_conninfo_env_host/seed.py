import os
import subprocess

host = os.environ["SEED_HOST"]
subprocess.check_call(["psql", f"host={host} dbname=seed user=seed", "-f", "seed.sql"])
