#!/bin/sh
set -e
until pg_isready -h "$DB_HOST" -p "${DB_PORT:-5432}" -U "$DB_USER"; do
  echo "waiting for postgres..."
  sleep 1
done
exec "$@"
