DATABASE_URL = "postgres://u:p@ep-quiet-night-123.us-east-2.aws.neon.tech/neondb"

if __name__ == "__main__":
    print(DATABASE_URL)
