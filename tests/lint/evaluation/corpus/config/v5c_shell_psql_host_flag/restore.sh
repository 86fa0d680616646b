#!/bin/bash
psql -h prod-db.example.com "dbname=app user=admin sslmode=prefer" -f restore.sql
