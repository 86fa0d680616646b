import yaml
import psycopg2


def load_config(path="config.yml"):
    with open(path) as fh:
        return yaml.safe_load(fh)


def connect(path="config.yml"):
    cfg = load_config(path)
    return psycopg2.connect(**cfg["database"])
