import streamlit as st

conn = st.connection("postgresql", type="sql")
df = conn.query("select * from orders limit 10", ttl="10m")
st.dataframe(df)
