from playhouse.db_url import connect

db = connect("postgresql://blog:blog@blog-db.example.com:5432/blog")
