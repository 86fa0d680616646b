from prefect_sqlalchemy import ConnectionComponents, SqlAlchemyConnector, SyncDriver

connector = SqlAlchemyConnector(
    connection_info=ConnectionComponents(
        driver=SyncDriver.POSTGRESQL_PSYCOPG2,
        username="prefect",
        password="prefect",
        host="prefect-db.example.com",
        port=5432,
        database="orders",
        query={"sslmode": "require"},
    )
)
connector.save("orders-db", overwrite=True)
