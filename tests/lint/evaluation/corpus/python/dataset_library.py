import dataset

db = dataset.connect("postgresql://scraper:scraper@scrape-db.example.com:5432/scrape")
table = db["pages"]
