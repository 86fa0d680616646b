from sqlalchemy import create_engine

engine = create_engine("postgresql://ci:ci@ci-db.example.com:5432/ci?ssl=true")
