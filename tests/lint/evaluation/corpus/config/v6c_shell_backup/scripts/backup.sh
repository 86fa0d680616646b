#!/usr/bin/env bash
set -euo pipefail

: "${PGHOST:=db.prod.example.com}"
STAMP=$(date +%F)
pg_dump "postgresql://backup@${PGHOST}:5432/app?sslmode=require" -Fc -f "/backups/app-${STAMP}.dump"
psql "postgresql://backup@localhost/app" -c "select 1"
