from configparser import ConfigParser

import psycopg2


def load_config(filename="database.ini", section="postgresql"):
    parser = ConfigParser()
    parser.read(filename)
    if not parser.has_section(section):
        raise Exception(f"Section {section} not found in the {filename} file")
    return {key: value for key, value in parser.items(section)}


def connect():
    params = load_config()
    print("Connecting to the PostgreSQL database...")
    return psycopg2.connect(**params)
