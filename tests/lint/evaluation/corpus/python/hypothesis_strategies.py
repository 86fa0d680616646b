from hypothesis import strategies as st

sslmodes = st.sampled_from(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"])
hosts = st.sampled_from(["localhost", "db.example.com", "10.0.0.1"])
urls = st.builds(lambda h, m: f"postgresql://u@{h}/app?sslmode={m}", hosts, sslmodes)
