#!/bin/bash
set -euo pipefail
STAMP=$(date +%F)
pg_dump "host=$DB_HOST port=5432 user=backup dbname=app sslmode=require" | gzip > "/var/backups/app-$STAMP.sql.gz"
