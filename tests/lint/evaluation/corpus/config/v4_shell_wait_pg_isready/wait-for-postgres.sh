#!/bin/sh
# wait-for-postgres.sh
set -e

host="${DB_HOST:-db}"
until pg_isready -h "$host" -U "${POSTGRES_USER:-postgres}" -q; do
  >&2 echo "Postgres is unavailable - sleeping"
  sleep 1
done
>&2 echo "Postgres is up - executing command"
exec "$@"
