import records

db = records.Database("postgresql://reader:reader@reports-db.example.com/reports?sslmode=allow")
rows = db.query("SELECT * FROM active_users")
print(rows.dataset)
