import os

import sqlalchemy
from google.cloud.sql.connector import Connector, IPTypes

connector = Connector(ip_type=IPTypes.PRIVATE)


def getconn():
    return connector.connect(
        os.environ["INSTANCE_CONNECTION_NAME"],
        "pg8000",
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASS"],
        db=os.environ["DB_NAME"],
    )


pool = sqlalchemy.create_engine("postgresql+pg8000://", creator=getconn)
