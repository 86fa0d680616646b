from dagster import Definitions, EnvVar, load_assets_from_modules

from . import assets
from .resources import PostgresResource

defs = Definitions(
    assets=load_assets_from_modules([assets]),
    resources={
        "warehouse": PostgresResource(
            host=EnvVar("WAREHOUSE_HOST"),
            user=EnvVar("WAREHOUSE_USER"),
            password=EnvVar("WAREHOUSE_PASSWORD"),
            database="analytics",
            sslmode="prefer",
        ),
    },
)
