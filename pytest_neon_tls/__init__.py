"""pytest fixtures that hand tests PostgreSQL connections proven to be ``verify-full``."""
