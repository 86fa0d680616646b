#!/usr/bin/env bash
set -euo pipefail

: "${PGHOST:?PGHOST must be set}"
export PGUSER="${PGUSER:-backup}"
export PGSSLMODE=require

stamp="$(date +%Y%m%d-%H%M%S)"
pg_dump --format=custom --file "/backups/app-${stamp}.dump" app
find /backups -name 'app-*.dump' -mtime +14 -delete
