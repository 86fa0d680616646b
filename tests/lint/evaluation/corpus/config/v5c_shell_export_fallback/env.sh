#!/bin/sh
export DATABASE_URL="postgresql://app:${DB_PASSWORD}@db.prod.example.com:5432/app"
export PGSSLMODE=${PGSSLMODE:-prefer}
