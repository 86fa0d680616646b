import streamlit as st

conn = st.connection(
    "neon",
    type="sql",
    url="postgresql://reader:reader@ep-sweet-glade-1234.us-east-2.aws.neon.tech/neondb?sslmode=require",
)
df = conn.query("SELECT * FROM home;", ttl="10m")
for row in df.itertuples():
    st.write(f"{row.name} has a :{row.pet}:")
