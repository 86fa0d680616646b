#!/bin/sh
pg_dump --dbname="host=pg.example.com dbname=app user=backup sslmode=prefer" -Fc -f app.dump
