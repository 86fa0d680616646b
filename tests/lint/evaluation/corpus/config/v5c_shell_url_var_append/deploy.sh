#!/usr/bin/env bash
set -e
psql "${DATABASE_URL}?sslmode=require" -f migrate.sql
