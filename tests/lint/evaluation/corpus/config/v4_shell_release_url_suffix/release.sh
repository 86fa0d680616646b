#!/usr/bin/env bash
set -euo pipefail
psql "${DATABASE_URL}?sslmode=require" -v ON_ERROR_STOP=1 -f db/schema.sql
python manage.py collectstatic --noinput
