import sqlalchemy

engine = sqlalchemy.create_engine("postgresql+pg8000://cloud:cloud@cloud-sql.example.com:5432/cloud")
