#!/bin/bash
PGPASSWORD="$RESTORE_PASSWORD" psql -h restore.example.com -U admin -d app -f dump.sql
psql "sslmode=disable host=restore.example.com dbname=app user=admin" -c "analyze"
