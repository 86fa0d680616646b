import os

import streamlit as st
from sqlmodel import SQLModel, create_engine


def get_database_url() -> str:
    url = os.getenv("DATABASE_URL")
    if url:
        return url.replace("postgres://", "postgresql://", 1)
    return "sqlite:///data/app.db"


DATABASE_URL = get_database_url()

connect_args = {}
if DATABASE_URL.startswith("sqlite"):
    connect_args = {"check_same_thread": False}
elif DATABASE_URL.startswith("postgresql"):
    connect_args = {
        "sslmode": "prefer",
        "connect_timeout": 10,
    }


@st.cache_resource
def get_engine():
    engine_kwargs = {"echo": False, "connect_args": connect_args}
    return create_engine(DATABASE_URL, **engine_kwargs)
