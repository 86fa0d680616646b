#!/usr/bin/env bash
set -euo pipefail

STAMP=$(date +%Y%m%d)
pg_dump "postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:5432/${PGDATABASE}?sslmode=require" \
  --format=custom --file="backup-${STAMP}.dump"
aws s3 cp "backup-${STAMP}.dump" "s3://backups/db/"
