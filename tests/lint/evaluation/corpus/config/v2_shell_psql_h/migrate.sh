#!/bin/sh
psql -h "$DB_HOST" -U app "dbname=app sslmode=prefer" -f migrate.sql
