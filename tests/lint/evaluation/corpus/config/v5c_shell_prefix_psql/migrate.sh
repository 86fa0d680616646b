#!/usr/bin/env bash
psql -h "$PGHOST" -U app -d app -v ON_ERROR_STOP=1 -f schema.sql
PGSSLMODE=require psql -h db.example.com -U app -c 'select 1'
