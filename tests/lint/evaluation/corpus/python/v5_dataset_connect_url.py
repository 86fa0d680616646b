import dataset

db = dataset.connect("postgresql://scraper:scraper@scrape-db.example.com/scrape?sslmode=prefer")
table = db["pages"]
table.insert({"url": "https://example.com", "status": 200})
