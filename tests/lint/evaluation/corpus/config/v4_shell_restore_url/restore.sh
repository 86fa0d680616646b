#!/bin/sh
set -e
DUMP="$1"
pg_restore --clean --if-exists --no-owner \
  --dbname="postgresql://restore@restore-target.example.com:5432/app" \
  "$DUMP"
