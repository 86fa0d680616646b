import os

os.environ["PGSSLMODE"] = "verify-full"
os.environ["PGSSLROOTCERT"] = "/etc/ssl/certs/ca-certificates.crt"
