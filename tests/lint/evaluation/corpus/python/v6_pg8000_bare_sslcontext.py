import ssl

import pg8000

ssl_ctx = ssl.SSLContext()


def connect(password):
    return pg8000.connect(user="reports", password=password, host="reports.example.com", ssl_context=ssl_ctx)
