import psycopg2
import streamlit as st

with st.form("login"):
    host = st.text_input("Host")
    dbname = st.text_input("Database")
    username = st.text_input("User")
    password = st.text_input("Password", type="password")
    port = st.text_input("Port", value="5432")
    db_params = {
        "user": username,
        "password": password,
        "dbname": dbname,
        "host": host,
        "port": port,
        "sslmode": "prefer",
    }
    if st.form_submit_button("Login"):
        try:
            st.session_state["conn"] = psycopg2.connect(**db_params)
            st.success("Connected")
        except psycopg2.OperationalError as exc:
            st.error(f"Could not connect: {exc}")
