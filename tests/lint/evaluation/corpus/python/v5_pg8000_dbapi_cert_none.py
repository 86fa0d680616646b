import os
import ssl

import pg8000.dbapi

ssl_context = ssl.create_default_context()
ssl_context.check_hostname = False
ssl_context.verify_mode = ssl.CERT_NONE


def connect():
    return pg8000.dbapi.connect(
        user="reporting",
        password=os.environ["REPORTING_PASSWORD"],
        host="pg.example.org",
        database="reporting",
        ssl_context=ssl_context,
    )
