import os
import ssl

import pg8000.dbapi


def create_connection():
    user = os.environ["PGUSER"]
    if os.environ.get("PGSSL", "false") == "true":
        ctx = ssl.create_default_context()
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.check_hostname = False
        ctx.load_verify_locations("ca.cer")
        return pg8000.dbapi.Connection(
            user, host=os.environ["PGHOST"], database="dashboard", password=os.environ["PGPASSWORD"], ssl_context=ctx
        )
    return pg8000.dbapi.Connection(user, host=os.environ["PGHOST"], database="dashboard", password=os.environ["PGPASSWORD"])
